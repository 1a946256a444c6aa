package dev.lethe.ui.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection as a client registers or changes it. {@code config} holds the type's settings; a secret
 * setting that is left out (or sent back as {@code {"set": true}}, as the API shows it) keeps its stored
 * value, {@code null} clears it.
 *
 * @param system the catalog system the connection reaches, by name; created when missing
 */
public record ConnectionRequest(String name, String type, String system, Map<String, Object> config) {

    public ConnectionRequest {
        // Not Map.copyOf: a null value is meaningful (clears a secret).
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** Leaves no secret in logs: only the names of the settings. */
    @Override
    public String toString() {
        return "ConnectionRequest[name=" + name + ", type=" + type + ", system=" + system + ", config="
                + config.keySet() + "]";
    }
}
