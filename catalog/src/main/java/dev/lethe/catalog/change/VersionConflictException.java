package dev.lethe.catalog.change;

/** Someone changed the row since the caller read it: the expected version is no longer current. */
public final class VersionConflictException extends RuntimeException {

    private final int currentVersion;

    public VersionConflictException(String what, int expected, int current) {
        super(what + " is at version " + current + ", not " + expected + ": read it again and retry");
        this.currentVersion = current;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
