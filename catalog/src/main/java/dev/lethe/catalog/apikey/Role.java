package dev.lethe.catalog.apikey;

/** What a person or key may do in Lethe; attribute rules (tenant, four-eyes) come on top. */
public enum Role {
    ADMIN,
    PRIVACY_OFFICER,
    ENGINEER,
    AUDITOR
}
