package dev.lethe.ui.api;

import dev.lethe.catalog.change.Revision;
import java.net.URI;
import org.springframework.http.ResponseEntity;

/**
 * Optimistic locking over HTTP: every single-resource response carries {@code ETag: "<version>"};
 * updates and deletes must send it back as {@code If-Match}. A stale version is a 409.
 */
public final class Versions {

    private Versions() {}

    public static int ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PreconditionRequiredException();
        }
    }

    public static String etag(Revision revision) {
        return "\"" + revision.version() + "\"";
    }

    public static <T> ResponseEntity<T> ok(T body, Revision revision) {
        return ResponseEntity.ok().eTag(etag(revision)).body(body);
    }

    public static <T> ResponseEntity<T> created(URI location, T body, Revision revision) {
        return ResponseEntity.created(location).eTag(etag(revision)).body(body);
    }

    /** An update or delete came without a usable If-Match. */
    public static final class PreconditionRequiredException extends RuntimeException {

        PreconditionRequiredException() {
            super("Send If-Match with the ETag of the version you read, e.g. If-Match: \"3\"");
        }
    }
}
