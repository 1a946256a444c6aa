package dev.lethe.ui.connectors.callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/callbacks/{token}}: a service's result for an operation it answered with 202.
 * No API key: the one-time token in the path is the credential (256 random bits; guessing one is
 * hopeless, so misuse is limited by its entropy). Accepted once. The body is read only once the
 * token is known, and only up to {@link #MAX_BODY}: nobody without a token makes Lethe read much.
 */
@RestController
class CallbackController {

    /** The largest result accepted, as large as the webhook connector reads from an answer. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Callbacks callbacks;

    CallbackController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/api/v1/callbacks/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> receive(@PathVariable String token, InputStream body) {
        callbacks.accept(token, () -> read(body));
        return Map.of("status", "accepted");
    }

    private static String read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw PendingProblem.tooLarge(MAX_BODY);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PendingProblem.invalidResult("the body could not be read");
        }
    }
}
