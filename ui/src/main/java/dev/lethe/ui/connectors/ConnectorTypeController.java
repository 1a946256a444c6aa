package dev.lethe.ui.connectors;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorType;
import java.util.List;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/connector-types}: the kinds of system a connection can be registered for, each with
 * its settings (enough to render and check a form) and capabilities. Read by every role.
 */
@RestController
@RequestMapping("/api/v1/connector-types")
class ConnectorTypeController {

    /** A type as a form needs it. */
    record TypeView(String name, String description, List<FieldView> fields, List<Capability> capabilities) {}

    /**
     * One setting. {@code secret} ones are never returned once stored; {@code allowedValues} is empty when
     * any value of the type is accepted.
     */
    record FieldView(
            String name,
            String type,
            boolean required,
            String defaultValue,
            boolean secret,
            String description,
            List<String> allowedValues) {}

    private final ConnectorTypes types;

    ConnectorTypeController(ConnectorTypes types) {
        this.types = types;
    }

    @GetMapping
    List<TypeView> list() {
        return types.all().stream().map(ConnectorTypeController::view).toList();
    }

    private static TypeView view(ConnectorType type) {
        return new TypeView(
                type.name(),
                type.description(),
                type.fields().stream().map(field -> field(type, field)).toList(),
                List.copyOf(new TreeSet<>(type.capabilities())));
    }

    private static FieldView field(ConnectorType type, ConfigField field) {
        return new FieldView(
                field.name(),
                field.type().name(),
                field.required(),
                field.defaultValue(),
                field.secret(),
                field.description(),
                type.allowedValues().getOrDefault(field.name(), List.of()));
    }
}
