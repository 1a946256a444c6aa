package dev.lethe.catalog.system;

/** Where a system runs; personal data in non-production environments is a finding of its own. */
public enum Environment {
    PRODUCTION,
    STAGING,
    DEVELOPMENT,
    TEST
}
