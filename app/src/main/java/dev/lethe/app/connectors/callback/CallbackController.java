package dev.lethe.app.connectors.callback;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/callbacks/{token}}: a service's result for an operation it answered with 202.
 * No API key: the one-time token in the path is the credential (256 random bits; guessing one is
 * hopeless, so misuse is limited by its entropy). Accepted once.
 */
@RestController
class CallbackController {

    private final Callbacks callbacks;

    CallbackController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/api/v1/callbacks/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> receive(@PathVariable String token, @RequestBody String resultJson) {
        callbacks.accept(token, resultJson);
        return Map.of("status", "accepted");
    }
}
