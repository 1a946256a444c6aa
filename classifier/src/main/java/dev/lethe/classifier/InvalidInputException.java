package dev.lethe.classifier;

/**
 * Input that could not be scanned: malformed JSON, nesting too deep, too large. The message names the
 * reason and position, never the content.
 */
public final class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String reason) {
        super(reason);
    }
}
