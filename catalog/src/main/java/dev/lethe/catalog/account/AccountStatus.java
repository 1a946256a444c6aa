package dev.lethe.catalog.account;

/** Where an account stands: invited (no password chosen yet), active, or disabled by an admin. */
public enum AccountStatus {
    INVITED,
    ACTIVE,
    DISABLED
}
