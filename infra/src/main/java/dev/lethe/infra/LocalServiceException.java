package dev.lethe.infra;

/** A local service could not start or stop; the message says what to do about it. */
public class LocalServiceException extends RuntimeException {

    public LocalServiceException(String message) {
        super(message);
    }

    public LocalServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
