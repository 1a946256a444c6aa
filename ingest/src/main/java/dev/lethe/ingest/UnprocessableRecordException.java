package dev.lethe.ingest;

/** A record that can't be protected (not JSON, not an object): it goes to the dead-letter topic with this reason. */
public class UnprocessableRecordException extends RuntimeException {

    public UnprocessableRecordException(String reason) {
        super(reason);
    }
}
