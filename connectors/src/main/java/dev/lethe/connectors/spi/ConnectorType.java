package dev.lethe.connectors.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kind of system Lethe can connect to (PostgreSQL, Elasticsearch, an HTTP webhook, …): its
 * settings and what it can do. Stateless and thread-safe; {@link #open} makes a connection.
 */
public interface ConnectorType {

    /** Stable identifier used in the API and stored with each connection, e.g. {@code postgresql}. */
    String name();

    /** One sentence for people choosing a type. */
    String description();

    /** The settings a connection of this type takes, in the order a form shows them. */
    List<ConfigField> fields();

    /** What connections of this type can do; always contains {@link Capability#TEST}. */
    Set<Capability> capabilities();

    /**
     * Opens a connection with checked settings. Must not connect yet when that can fail: {@link
     * Connector#test} is where reachability is reported.
     */
    Connector open(ConnectorConfig config, ConnectorRuntime runtime);

    /**
     * The values some fields are limited to (a form offers a choice), by field name, in the order to
     * show them; a field not named takes any value of its type. Empty unless a type overrides it.
     */
    default Map<String, List<String>> allowedValues() {
        return Map.of();
    }

    /** Checks {@code raw} settings against {@link #fields()}. */
    default ConnectorConfig configure(Map<String, String> raw) {
        return ConnectorConfig.of(fields(), raw);
    }
}
