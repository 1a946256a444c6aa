package dev.lethe.ui.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin calls to the API ({@code lethe.security.cors.*}): off unless {@code allowed-origins}
 * names origins. Only the API ({@code /api/**}) ever answers a cross-origin request; pages, the portal
 * and the actuator never do.
 *
 * @param allowedOrigins exact origins ({@code https://app.example.com}, no path, no wildcard) whose
 *     pages may call the API; empty (the default): no cross-origin call is allowed
 * @param allowedMethods the methods such a page may use
 * @param allowedHeaders the request headers it may send
 * @param exposedHeaders the response headers its script may read
 * @param allowCredentials whether the browser may send cookies with the call; off, as the API takes
 *     bearer credentials only
 * @param maxAge how long a browser may cache a preflight's answer
 */
@ConfigurationProperties("lethe.security.cors")
public record CorsProperties(
        List<String> allowedOrigins,

        @DefaultValue({"GET", "HEAD", "POST", "PUT", "DELETE"})
        List<String> allowedMethods,

        @DefaultValue({"Authorization", "Content-Type", "If-Match"})
        List<String> allowedHeaders,

        @DefaultValue({"ETag", "Location", "Retry-After"}) List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("30m") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList();
        allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
        for (String origin : allowedOrigins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("lethe.security.cors.allowed-origins: each entry must be an "
                        + "origin such as https://app.example.com (scheme, host and optional port; no path, no "
                        + "wildcard)");
            }
        }
        if (allowedMethods.stream().anyMatch("*"::equals)
                || allowedHeaders.stream().anyMatch("*"::equals)) {
            throw new IllegalArgumentException(
                    "lethe.security.cors.allowed-methods and allowed-headers must be listed, not '*'");
        }
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** The API's CORS rules: none (every cross-origin request goes unanswered) unless origins are set. */
    CorsConfigurationSource source() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (enabled()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(allowedOrigins);
            configuration.setAllowedMethods(allowedMethods);
            configuration.setAllowedHeaders(allowedHeaders);
            configuration.setExposedHeaders(exposedHeaders);
            configuration.setAllowCredentials(allowCredentials);
            configuration.setMaxAge(maxAge);
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && !value.contains("*");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
