package dev.lethe.catalog.processing;

/** The tenant's role in an activity (GDPR Art. 4(7), 4(8), 26). */
public enum ProcessingRole {
    CONTROLLER,
    JOINT_CONTROLLER,
    PROCESSOR
}
