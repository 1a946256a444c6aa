package dev.lethe.connectors.manual;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import java.util.List;
import java.util.Optional;

/**
 * A manual connection's settings: what a person is asked to do in the system, and who.
 *
 * @param assignee an email address or a role name, or {@code null} for whoever handles tasks
 */
public record ManualTaskConnectorConfig(String instructions, String assignee) {

    static final ConfigField INSTRUCTIONS = ConfigField.required(
                    "instructions",
                    FieldType.STRING,
                    "What the person does in the system for each request (shown with every task)")
            .validatedBy(
                    value -> value.length() <= 4000 ? Optional.empty() : Optional.of("is longer than 4000 characters"));
    static final ConfigField ASSIGNEE = ConfigField.optional(
                    "assignee",
                    FieldType.STRING,
                    null,
                    "Who does it: an email address or a role (e.g. PRIVACY_OFFICER)")
            .validatedBy(value -> value.matches("[^\\s@]+@[^\\s@]+|[A-Za-z][A-Za-z0-9_-]{0,62}")
                    ? Optional.empty()
                    : Optional.of("is neither an email address nor a role name ('" + value + "')"));

    static final List<ConfigField> FIELDS = List.of(INSTRUCTIONS, ASSIGNEE);

    static ManualTaskConnectorConfig from(ConnectorConfig config) {
        return new ManualTaskConnectorConfig(
                config.require(INSTRUCTIONS), config.string(ASSIGNEE).orElse(null));
    }
}
