package dev.lethe.catalog.reference;

/** Where a reference between datasets comes from. */
public enum ReferenceSource {
    /** A foreign key (or the like) that discovery found in the system. */
    DISCOVERED,
    /** Added by a person: a reference the system does not declare (an id kept in a text column). */
    MANUAL
}
