package dev.lethe.connectors.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A connection's settings, checked against its type's fields. Immutable; {@link #toString()} and
 * {@link #masked()} show a secret only as set or unset.
 */
public final class ConnectorConfig {

    static final String MASK = "********";

    private final Map<String, ConfigField> fields;
    private final Map<String, String> values;

    private ConnectorConfig(Map<String, ConfigField> fields, Map<String, String> values) {
        this.fields = fields;
        this.values = values;
    }

    /**
     * Checks {@code raw} against {@code fields}: every required field present, every value of its
     * field's form and accepted by its validator, no setting the type does not know. Defaults fill
     * what is absent.
     *
     * @throws InvalidConfigException naming every problem, not only the first
     */
    public static ConnectorConfig of(List<ConfigField> fields, Map<String, String> raw) {
        Map<String, ConfigField> byName = new LinkedHashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        List<ConfigProblem> problems = new ArrayList<>();
        new TreeMap<>(raw)
                .keySet().stream()
                        .filter(name -> !byName.containsKey(name))
                        .forEach(name ->
                                problems.add(new ConfigProblem(name, "is not a setting of this connector type")));
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            String value = raw.get(field.name());
            field.problemWith(value).ifPresent(problem -> problems.add(new ConfigProblem(field.name(), problem)));
            String effective = value == null || value.isBlank() ? field.defaultValue() : value.strip();
            if (effective != null) {
                values.put(field.name(), effective);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ConnectorConfig(byName, Map.copyOf(values));
    }

    public Optional<String> string(ConfigField field) {
        return Optional.ofNullable(values.get(known(field).name()));
    }

    /** The value of a required field, or of one with a default. */
    public String require(ConfigField field) {
        return string(field)
                .orElseThrow(() -> new IllegalStateException(field.name() + " has neither a value nor a default"));
    }

    public Optional<Long> integer(ConfigField field) {
        return string(field).map(Long::parseLong);
    }

    public boolean flag(ConfigField field) {
        return string(field).map(Boolean::parseBoolean).orElse(false);
    }

    public List<String> list(ConfigField field) {
        return string(field)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** The settings as the API may show them: secrets as {@value #MASK} when set. */
    public Map<String, String> masked() {
        Map<String, String> shown = new LinkedHashMap<>();
        fields.values().stream()
                .filter(field -> values.containsKey(field.name()))
                .forEach(field -> shown.put(field.name(), field.secret() ? MASK : values.get(field.name())));
        return shown;
    }

    private ConfigField known(ConfigField field) {
        if (!field.equals(fields.get(field.name()))) {
            throw new IllegalArgumentException(field.name() + " is not a field of this configuration");
        }
        return field;
    }

    @Override
    public String toString() {
        return "ConnectorConfig" + masked();
    }
}
