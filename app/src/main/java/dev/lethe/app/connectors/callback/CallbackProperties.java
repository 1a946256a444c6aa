package dev.lethe.app.connectors.callback;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where services call Lethe back.
 *
 * @param baseUrl Lethe's address as the services Lethe calls can reach it; callback URLs are
 *     {@code <baseUrl>/api/v1/callbacks/<token>}
 */
@ConfigurationProperties("lethe.connectors.callbacks")
public record CallbackProperties(
        @DefaultValue("http://localhost:8080") URI baseUrl) {

    public CallbackProperties {
        if (baseUrl == null || baseUrl.getHost() == null || !baseUrl.getScheme().matches("https?")) {
            throw new IllegalArgumentException("lethe.connectors.callbacks.base-url must be an http(s) URL");
        }
    }

    /** The prefix a token is appended to. */
    URI callbackPrefix() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/callbacks/");
    }
}
