package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of an Elasticsearch connection, typed. {@link #toString()} never shows the password
 * or the API key.
 *
 * @param indexPatterns what Lethe may read and change, in Elasticsearch's multi-target syntax
 *     ({@code *}, {@code logs-*}, {@code -lethe-*} to exclude); hidden and system indices never match
 */
public record ElasticsearchConnectorConfig(
        URI url, String username, String password, String apiKey, List<String> indexPatterns, Duration requestTimeout) {

    /** A pattern: lower-case index name characters and {@code *}, optionally excluded with a leading '-'. */
    private static final Pattern INDEX_PATTERN = Pattern.compile("-?[a-z0-9*][a-z0-9*._+-]{0,254}");

    static final ConfigField URL = ConfigField.required(
                    "url", FieldType.URL, "Base URL of the cluster, e.g. https://search.internal:9200")
            .validatedBy(ElasticsearchConnectorConfig::urlProblem);
    static final ConfigField USERNAME =
            ConfigField.optional("username", FieldType.STRING, null, "User for basic authentication");
    static final ConfigField PASSWORD = ConfigField.optional("password", FieldType.STRING, null, "Password of the user")
            .asSecret();
    static final ConfigField API_KEY = ConfigField.optional(
                    "api-key", FieldType.STRING, null, "API key (the encoded form), instead of a user and password")
            .asSecret();
    static final ConfigField INDEX_PATTERNS = ConfigField.optional(
                    "index-patterns",
                    FieldType.LIST,
                    "*,-lethe-*",
                    "Indices Lethe may read and change, comma separated; '-' excludes. Hidden and system indices"
                            + " never match; the default leaves out Lethe's own lethe-* indices")
            .validatedBy(ElasticsearchConnectorConfig::patternsProblem);
    static final ConfigField REQUEST_TIMEOUT = ConfigField.optional(
                    "request-timeout-seconds", FieldType.INTEGER, "30", "Longest a single request may take")
            .validatedBy(value -> Long.parseLong(value) >= 1 && Long.parseLong(value) <= 3600
                    ? Optional.empty()
                    : Optional.of("is between 1 and 3600"));

    static final List<ConfigField> FIELDS = List.of(URL, USERNAME, PASSWORD, API_KEY, INDEX_PATTERNS, REQUEST_TIMEOUT);

    static ElasticsearchConnectorConfig from(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean user = config.string(USERNAME).isPresent();
        boolean password = config.string(PASSWORD).isPresent();
        boolean apiKey = config.string(API_KEY).isPresent();
        if (password && !user) {
            problems.add(new ConfigProblem(PASSWORD.name(), "is set without a username"));
        }
        if (apiKey && user) {
            problems.add(new ConfigProblem(API_KEY.name(), "and a username are both set: choose one way to sign in"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ElasticsearchConnectorConfig(
                URI.create(stripSlash(config.require(URL))),
                config.string(USERNAME).orElse(null),
                config.string(PASSWORD).orElse(""),
                config.string(API_KEY).orElse(null),
                config.list(INDEX_PATTERNS),
                Duration.ofSeconds(config.integer(REQUEST_TIMEOUT).orElseThrow()));
    }

    /** The patterns that include (without a leading '-'). */
    List<String> includedPatterns() {
        return indexPatterns.stream().filter(p -> !p.startsWith("-")).toList();
    }

    /** The patterns as one multi-target expression for a request path. */
    String target() {
        return String.join(",", indexPatterns);
    }

    /** Where the cluster is, for messages: scheme, host and port, never credentials. */
    String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Optional<String> urlProblem(String value) {
        URI uri = URI.create(value);
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials: use username and password, or api-key");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("is a base URL, without query or fragment");
        }
        return Optional.empty();
    }

    private static Optional<String> patternsProblem(String value) {
        boolean anyIncluded = false;
        for (String item : value.split(",")) {
            String pattern = item.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith(".") || pattern.startsWith("-.")) {
                return Optional.of("must not name hidden or system indices ('" + pattern + "')");
            }
            if (!INDEX_PATTERN.matcher(pattern).matches()) {
                return Optional.of(
                        "has a pattern that is not lower-case index name characters and '*' ('" + pattern + "')");
            }
            anyIncluded |= !pattern.startsWith("-");
        }
        return anyIncluded ? Optional.empty() : Optional.of("includes no index (only exclusions)");
    }

    @Override
    public String toString() {
        return "ElasticsearchConnectorConfig[" + where() + (username == null ? "" : ", user " + username)
                + (apiKey == null ? "" : ", api-key set") + ", index-patterns=" + indexPatterns + "]";
    }
}
