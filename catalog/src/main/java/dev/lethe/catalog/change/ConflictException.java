package dev.lethe.catalog.change;

/** The change would break the catalog's consistency: a duplicate name, or a row still referenced. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
