package dev.lethe.catalog.change;

/** Input the catalog refuses: a missing or malformed value, or a code that is not in the taxonomy. */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
