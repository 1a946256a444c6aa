package dev.lethe.connectors.webhook;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A webhook connection's settings. {@link #toString()} never shows the signing secret.
 *
 * @param actions the operations the service takes; others are refused before anything is sent
 */
public record WebhookConnectorConfig(
        URI url,
        String signingSecret,
        Duration timeout,
        int maxAttempts,
        Set<Capability> actions,
        Duration callbackExpiry) {

    /** What the {@code actions} setting may name. */
    static final Set<Capability> ACTIONS =
            EnumSet.of(Capability.LOCATE, Capability.ACCESS, Capability.ERASE, Capability.RECTIFY);

    static final ConfigField URL = ConfigField.required(
                    "url", FieldType.URL, "The endpoint Lethe POSTs signed requests to; redirects are not followed")
            .validatedBy(WebhookConnectorConfig::urlProblem);
    static final ConfigField SIGNING_SECRET = ConfigField.required(
                    "signing-secret",
                    FieldType.STRING,
                    "Shared secret for the Lethe-Signature HMAC-SHA256 header (at least 32 characters)")
            .asSecret()
            .validatedBy(
                    value -> value.length() >= 32 ? Optional.empty() : Optional.of("is shorter than 32 characters"));
    static final ConfigField TIMEOUT_SECONDS = ConfigField.optional(
                    "timeout-seconds", FieldType.INTEGER, "10", "How long one attempt may take, connecting included")
            .validatedBy(value -> between(value, 1, 300));
    static final ConfigField MAX_ATTEMPTS = ConfigField.optional(
                    "max-attempts",
                    FieldType.INTEGER,
                    "4",
                    "Attempts per operation on retriable failures (timeouts, 429, 5xx), with exponential backoff")
            .validatedBy(value -> between(value, 1, 10));
    static final ConfigField ACTIONS_FIELD = ConfigField.optional(
                    "actions",
                    FieldType.LIST,
                    "locate,access,erase,rectify",
                    "The operations the service handles: locate, access, erase, rectify")
            .validatedBy(WebhookConnectorConfig::actionsProblem);
    static final ConfigField CALLBACK_EXPIRY_HOURS = ConfigField.optional(
                    "callback-expiry-hours",
                    FieldType.INTEGER,
                    "72",
                    "How long the one-time callback URL of an operation answered with 202 stays valid")
            .validatedBy(value -> between(value, 1, 24 * 30));

    static final List<ConfigField> FIELDS =
            List.of(URL, SIGNING_SECRET, TIMEOUT_SECONDS, MAX_ATTEMPTS, ACTIONS_FIELD, CALLBACK_EXPIRY_HOURS);

    static WebhookConnectorConfig from(ConnectorConfig config) {
        return new WebhookConnectorConfig(
                URI.create(config.require(URL)),
                config.require(SIGNING_SECRET),
                Duration.ofSeconds(config.integer(TIMEOUT_SECONDS).orElseThrow()),
                config.integer(MAX_ATTEMPTS).orElseThrow().intValue(),
                config.list(ACTIONS_FIELD).stream()
                        .map(action -> Capability.valueOf(action.toUpperCase(Locale.ROOT)))
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class))),
                Duration.ofHours(config.integer(CALLBACK_EXPIRY_HOURS).orElseThrow()));
    }

    /** The port the URL names, or its scheme's default. */
    int port() {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    private static Optional<String> urlProblem(String value) {
        URI uri = URI.create(value);
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; the signing secret authenticates Lethe");
        }
        return uri.getRawFragment() != null ? Optional.of("must not have a fragment") : Optional.empty();
    }

    private static Optional<String> actionsProblem(String value) {
        Set<String> known = ACTIONS.stream()
                .map(action -> action.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> unknown = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(action -> !action.isEmpty() && !known.contains(action))
                .toList();
        if (!unknown.isEmpty()) {
            return Optional.of("names actions that do not exist: " + unknown + " (locate, access, erase, rectify)");
        }
        return Arrays.stream(value.split(",")).allMatch(String::isBlank)
                ? Optional.of("names no action")
                : Optional.empty();
    }

    private static Optional<String> between(String value, long min, long max) {
        long number = Long.parseLong(value);
        return number >= min && number <= max
                ? Optional.empty()
                : Optional.of("must be between " + min + " and " + max + " ('" + value + "')");
    }

    @Override
    public String toString() {
        return "WebhookConnectorConfig[url=" + url.getScheme() + "://" + url.getHost() + ":" + port()
                + ", signingSecret=********, timeout=" + timeout + ", maxAttempts=" + maxAttempts
                + ", actions=" + actions + "]";
    }
}
