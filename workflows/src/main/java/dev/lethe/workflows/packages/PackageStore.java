package dev.lethe.workflows.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where packages and their parts are kept: objects by tenant and key, written as a stream. An object
 * is there whole or not at all (a crash while writing leaves nothing), and writing a key again replaces
 * it. The default keeps them encrypted in a local directory; an S3-compatible store can stand behind
 * the same interface. Implementations are thread-safe. I/O failures are {@link java.io.UncheckedIOException}.
 */
public interface PackageStore {

    /** Keys are relative paths of simple names: letters, digits, {@code . _ -}, separated by {@code /}. */
    Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}){0,7}");

    /** Writes what {@code writer} writes as the object {@code key}, replacing it when it exists. */
    void write(UUID tenantId, String key, ObjectWriter writer);

    /** Opens the object for reading; the caller closes the stream. */
    InputStream read(UUID tenantId, String key);

    /** Deletes the object; false when there was none. */
    boolean delete(UUID tenantId, String key);

    boolean exists(UUID tenantId, String key);

    /** Writes an object's content; the store closes the stream afterwards. */
    @FunctionalInterface
    interface ObjectWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a package object key");
        }
        return key;
    }

    /** No such object (never written, deleted, or of another tenant). */
    final class NoSuchObjectException extends RuntimeException {
        public NoSuchObjectException() {
            super("no such package object");
        }
    }
}
