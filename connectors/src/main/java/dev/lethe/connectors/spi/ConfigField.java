package dev.lethe.connectors.spi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One setting of a connector type, described well enough for a form to be rendered and checked
 * from it (after Debezium's {@code Field}): name, type, whether it is required, its default,
 * whether it is secret, a description for people, and an extra validator beyond the type's form.
 *
 * <p>A secret field's value is never returned by the API, logged or put in an exception message.
 *
 * @param validator answers a problem with a value of the right type, or empty; it must not quote
 *     the value of a secret field
 */
public record ConfigField(
        String name,
        FieldType type,
        boolean required,
        String defaultValue,
        boolean secret,
        String description,
        Function<String, Optional<String>> validator) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");

    public ConfigField {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(validator, "validator");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a field name is lower case words joined by '.' or '-': " + name);
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required field has no default");
        }
    }

    /** A field the user must fill. */
    public static ConfigField required(String name, FieldType type, String description) {
        return new ConfigField(name, type, true, null, false, description, value -> Optional.empty());
    }

    /** A field with a default ({@code null}: none, the setting is simply absent). */
    public static ConfigField optional(String name, FieldType type, String defaultValue, String description) {
        return new ConfigField(name, type, false, defaultValue, false, description, value -> Optional.empty());
    }

    /** The same field, secret: masked everywhere, stored encrypted. */
    public ConfigField asSecret() {
        return new ConfigField(name, type, required, defaultValue, true, description, validator);
    }

    /** The same field with an extra check after the type's own. */
    public ConfigField validatedBy(Function<String, Optional<String>> check) {
        return new ConfigField(name, type, required, defaultValue, secret, description, check);
    }

    /** The problem with {@code value} for this field, or empty when it is acceptable. */
    public Optional<String> problemWith(String value) {
        if (value == null || value.isBlank()) {
            return required ? Optional.of("is required") : Optional.empty();
        }
        Optional<String> form = formProblem(value.strip());
        return form.isPresent() ? form : validator.apply(value.strip());
    }

    private Optional<String> formProblem(String value) {
        return switch (type) {
            case STRING, LIST -> Optional.empty();
            case INTEGER ->
                parsesAsLong(value) ? Optional.empty() : Optional.of(described("is not a whole number", value));
            case BOOLEAN ->
                value.equals("true") || value.equals("false")
                        ? Optional.empty()
                        : Optional.of(described("is neither true nor false", value));
            case PORT ->
                parsesAsLong(value) && Long.parseLong(value) >= 1 && Long.parseLong(value) <= 65535
                        ? Optional.empty()
                        : Optional.of(described("is not a port (1-65535)", value));
            case HOST ->
                value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')
                        ? Optional.of(described("is not a host name or address", value))
                        : Optional.empty();
            case URL -> isHttpUrl(value) ? Optional.empty() : Optional.of(described("is not an http(s) URL", value));
        };
    }

    private String described(String problem, String value) {
        return secret ? problem : problem + " ('" + value + "')";
    }

    private static boolean parsesAsLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " (" + type + (required ? ", required" : "") + (secret ? ", secret" : "") + ")";
    }
}
