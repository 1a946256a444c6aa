package dev.lethe.connectors.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who a request is about: identity type to value, e.g. {@code email}, {@code phone},
 * {@code customer_id}. Values are personal data: {@link #toString()} shows the types only.
 */
public record Identities(Map<String, String> values) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Identities {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a subject needs at least one identity");
        }
        for (var entry : values.entrySet()) {
            if (!TYPE.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException(
                        "an identity type is lower case letters, digits and '_': '" + entry.getKey() + "'");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new IllegalArgumentException("the identity " + entry.getKey() + " has no value");
            }
        }
        values = Map.copyOf(values);
    }

    public static Identities of(String type, String value) {
        return new Identities(Map.of(type, value));
    }

    public Optional<String> get(String type) {
        return Optional.ofNullable(values.get(type));
    }

    @Override
    public String toString() {
        return "Identities" + new TreeMap<>(values).keySet();
    }
}
