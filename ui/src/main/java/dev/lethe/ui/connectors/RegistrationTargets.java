package dev.lethe.ui.connectors;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.FieldType;
import java.net.URI;
import java.util.Optional;

/**
 * The outbound guard at registration: a connection whose host or URL the guard refuses is not stored,
 * so the engineer hears it at once rather than at the first test. Each HOST setting is checked with the
 * type's PORT setting (a type with a host but no port is checked when it connects), each URL setting as
 * it is. The connector checks again on every connection it makes; this is the early answer, not the
 * gate.
 */
final class RegistrationTargets {

    private RegistrationTargets() {}

    /** @throws TargetRefusedException naming the setting and the guard's reason */
    static void check(OutboundGuard guard, ConnectorType type, ConnectorConfig config) {
        Optional<ConfigField> portField = type.fields().stream()
                .filter(field -> field.type() == FieldType.PORT)
                .findFirst();
        for (ConfigField field : type.fields()) {
            Optional<String> value = config.string(field);
            if (value.isEmpty()) {
                continue;
            }
            try {
                if (field.type() == FieldType.HOST) {
                    Optional<Long> port = portField.flatMap(config::integer);
                    if (port.isPresent()) {
                        guard.check(value.get(), port.get().intValue());
                    }
                } else if (field.type() == FieldType.URL) {
                    guard.check(URI.create(value.get()));
                }
            } catch (OutboundRefusedException e) {
                throw new TargetRefusedException(field.name(), e.getMessage());
            }
        }
    }

    /** The guard refused where a setting points. */
    static final class TargetRefusedException extends RuntimeException {

        private final String field;

        TargetRefusedException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
