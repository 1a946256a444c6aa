package dev.lethe.workflows.retention;

/** What started a retention run. */
public enum RunTrigger {
    /** The tenant's daily schedule. */
    SCHEDULED,
    /** A person, through the API ("run now"). */
    MANUAL
}
