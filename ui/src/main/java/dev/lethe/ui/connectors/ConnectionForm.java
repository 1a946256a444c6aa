package dev.lethe.ui.connectors;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.FieldType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The connection form a connector type's field descriptions make: one input per setting (a password
 * input for a secret, a choice for limited values, a number, a check box), and the settings a posted
 * form gives back. A secret's value is never put into the form: an empty secret input keeps the stored
 * value.
 */
final class ConnectionForm {

    /** Form parameters of the settings are named {@code config.<setting>}. */
    static final String PREFIX = "config.";

    /** A check box {@code clear.<setting>} clears a stored secret that is not required. */
    static final String CLEAR = "clear.";

    private static final Set<String> ACRONYMS = Set.of("ssl", "tls", "url", "api", "id", "http", "https", "sql");

    /**
     * One input.
     *
     * @param input {@code text}, {@code password}, {@code number}, {@code url}, {@code checkbox} or {@code select}
     * @param value what the input shows: the default or what was entered, never a secret
     * @param secretSet for a secret: whether a value is stored (the form offers to keep or clear it)
     * @param error what is wrong with the setting, or null
     */
    record Input(
            String name,
            String label,
            String help,
            String input,
            boolean required,
            boolean secret,
            String value,
            List<String> options,
            boolean secretSet,
            String min,
            String max,
            String error) {

        /** The parameter the input posts. */
        public String param() {
            return PREFIX + name;
        }

        /** The element id, for the label's {@code for}. */
        public String id() {
            return "setting-" + name.replace('.', '-');
        }

        public boolean checked() {
            return "true".equals(value);
        }
    }

    private ConnectionForm() {}

    /**
     * The inputs for a type's settings.
     *
     * @param values the settings to show (a stored connection's or those just entered); secrets ignored
     * @param secretsSet the secret settings that have a stored value
     * @param errors problems by setting name
     */
    static List<Input> inputs(
            ConnectorType type, Map<String, String> values, Set<String> secretsSet, Map<String, String> errors) {
        return type.fields().stream()
                .map(field -> input(type, field, values, secretsSet, errors))
                .toList();
    }

    /** The defaults of a type's settings: a new connection's form starts from them. */
    static Map<String, String> defaults(ConnectorType type) {
        Map<String, String> defaults = new LinkedHashMap<>();
        type.fields().stream()
                .filter(field -> field.defaultValue() != null && !field.secret())
                .forEach(field -> defaults.put(field.name(), field.defaultValue()));
        return defaults;
    }

    /**
     * The settings a posted form gives, as {@link ConnectionRequest#config()} takes them: an empty
     * secret is left out (kept when the connection has one), a ticked {@code clear.} box clears it, an
     * unticked check box is {@code false}, other empty inputs are left out (the type's default applies).
     */
    static Map<String, Object> config(ConnectorType type, MultiValueMap<String, String> form) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (ConfigField field : type.fields()) {
            String value = form.getFirst(PREFIX + field.name());
            if (field.type() == FieldType.BOOLEAN && type.allowedValues().get(field.name()) == null) {
                config.put(field.name(), Boolean.toString("true".equals(value)));
            } else if (field.secret() && form.containsKey(CLEAR + field.name()) && (value == null || value.isEmpty())) {
                config.put(field.name(), null);
            } else if (value != null && !value.isBlank()) {
                config.put(field.name(), field.secret() ? value : value.strip());
            }
        }
        return config;
    }

    /** What the form shows again after a refusal: the settings entered, without any secret. */
    static Map<String, String> shown(ConnectorType type, Map<String, Object> config) {
        Map<String, String> shown = new LinkedHashMap<>();
        type.fields().stream()
                .filter(field -> !field.secret() && config.get(field.name()) != null)
                .forEach(field ->
                        shown.put(field.name(), config.get(field.name()).toString()));
        return shown;
    }

    /** The settings as the page lists them: a secret only as set or not set. */
    static Map<String, String> listed(ConnectionView connection) {
        Map<String, String> settings = new LinkedHashMap<>();
        connection
                .config()
                .forEach((name, value) -> settings.put(
                        label(name),
                        value instanceof Map<?, ?> secret
                                ? (Boolean.TRUE.equals(secret.get("set")) ? "set (hidden)" : "not set")
                                : String.valueOf(value)));
        return settings;
    }

    static Map<String, String> plain(ConnectionView connection) {
        Map<String, String> plain = new LinkedHashMap<>();
        connection.config().forEach((name, value) -> {
            if (!(value instanceof Map<?, ?>)) {
                plain.put(name, String.valueOf(value));
            }
        });
        return plain;
    }

    static Set<String> secretsSet(ConnectionView connection) {
        return connection.config().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Map<?, ?> secret && Boolean.TRUE.equals(secret.get("set")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** {@code ssl-mode} → {@code SSL mode}: a label from a setting's name. */
    static String label(String name) {
        String words = Arrays.stream(name.split("[-.]"))
                .map(word -> ACRONYMS.contains(word) ? word.toUpperCase(Locale.ROOT) : word)
                .collect(Collectors.joining(" "));
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Input input(
            ConnectorType type,
            ConfigField field,
            Map<String, String> values,
            Set<String> secretsSet,
            Map<String, String> errors) {
        List<String> options = type.allowedValues().getOrDefault(field.name(), List.of());
        String input;
        if (field.secret()) {
            input = "password";
        } else if (!options.isEmpty()) {
            input = "select";
        } else {
            input = switch (field.type()) {
                case INTEGER, PORT -> "number";
                case BOOLEAN -> "checkbox";
                case URL -> "url";
                case STRING, HOST, LIST -> "text";
            };
        }
        String description = field.description().strip();
        String help = description
                + (description.endsWith(".") ? "" : ".")
                + (field.defaultValue() != null && !field.secret() ? " Default: " + field.defaultValue() + "." : "");
        return new Input(
                field.name(),
                label(field.name()),
                help,
                input,
                field.required(),
                field.secret(),
                field.secret() ? null : values.get(field.name()),
                options,
                field.secret() && secretsSet.contains(field.name()),
                field.type() == FieldType.PORT ? "1" : null,
                field.type() == FieldType.PORT ? "65535" : null,
                errors.get(field.name()));
    }
}
