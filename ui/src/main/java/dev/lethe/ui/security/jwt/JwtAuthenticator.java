package dev.lethe.ui.security.jwt;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Turns a bearer JWT into a {@link JwtAuthentication}, or says why not. The signature is checked
 * against the issuer's keys with RS256 or ES256 only ({@code alg: none}, HS256 and every other
 * algorithm are refused before any key is looked at); {@code iss} must be the issuer, {@code aud}
 * must hold a configured audience, {@code exp} must be present and not past. Thread-safe.
 */
public final class JwtAuthenticator {

    /** The signature algorithms accepted: asymmetric, so nobody who can verify can also sign. */
    public static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final String SCOPE_PREFIX = "lethe:";

    /** Why a token was not accepted; the message names the rule, never a claim's value. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 401 for a token that is not valid here, 403 for a valid one that gives no role. */
        public int status() {
            return status;
        }
    }

    private final JwtProperties properties;
    private final JwtDecoder decoder;
    private final Function<String, Optional<UUID>> tenants;

    /**
     * @param decoder checks signature and claims ({@link #decoder(JwtProperties)})
     * @param tenants a tenant's id by the tenant claim's value (slug or id), if Lethe has it
     */
    public JwtAuthenticator(JwtProperties properties, JwtDecoder decoder, Function<String, Optional<UUID>> tenants) {
        this.properties = properties;
        this.decoder = decoder;
        this.tenants = tenants;
    }

    /** The decoder for the configured issuer: its JWKS, the two algorithms, {@link #validator}. */
    public static JwtDecoder decoder(JwtProperties properties) {
        return decoder(properties, new RestTemplate());
    }

    /**
     * The decoder for the configured issuer, fetching the discovery document and the JWKS with {@code
     * http} (through the outbound guard in the application: {@code GuardedHttp}).
     */
    public static JwtDecoder decoder(JwtProperties properties, RestOperations http) {
        var builder = properties.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                : NimbusJwtDecoder.withIssuerLocation(properties.issuer().toString());
        NimbusJwtDecoder decoder = builder.jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                .restOperations(http)
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    /** The claim rules: issuer, audience, expiry (required) and not-before within the clock skew. */
    public static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
        List<String> audiences = properties.audiences();
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtClaimValidator<Instant>("exp", exp -> exp != null),
                new JwtIssuerValidator(properties.issuer().toString()),
                new JwtClaimValidator<Collection<String>>(
                        "aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
    }

    /**
     * Whether a bearer credential is a JWT (three base64url parts, the first a JSON header) rather
     * than an API key, which never has that shape.
     */
    public static boolean looksLikeJwt(String credential) {
        if (!COMPACT_JWS.matcher(credential).matches()) {
            return false;
        }
        try {
            String header = new String(
                    Base64.getUrlDecoder().decode(credential.substring(0, credential.indexOf('.'))),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The authentication the token stands for; throws {@link Refused} when it stands for none. */
    public JwtAuthentication authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new Refused(
                    401,
                    "The bearer token is not an access token of the configured issuer "
                            + "(signature, algorithm, issuer, audience or expiry).");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new Refused(401, "The bearer token names no subject.");
        }
        String tenantValue = jwt.getClaimAsString(properties.tenantClaim());
        UUID tenantId = tenantValue == null ? null : tenants.apply(tenantValue).orElse(null);
        if (tenantId == null) {
            throw new Refused(401, "The bearer token names no tenant of this Lethe.");
        }
        Set<Role> roles = roles(claim(jwt.getClaims(), properties.rolesClaim()));
        if (roles.isEmpty()) {
            throw new Refused(403, "The bearer token gives no Lethe role.");
        }
        return new JwtAuthentication(
                tenantId, subject, roles, scopes(roles, jwt.getClaims().get(properties.scopeClaim())));
    }

    /** A claim by its dotted path: {@code realm_access.roles} is {@code roles} inside {@code realm_access}. */
    public static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** The Lethe roles a claim's values name (case-insensitive); other values are ignored. */
    public static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values(claim)) {
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(value)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /**
     * What the roles give (read and write; admin too for ADMIN, as a signed-in person gets),
     * narrowed to the {@code lethe:*} scopes the token was granted when it names any.
     */
    static Set<Scope> scopes(Set<Role> roles, Object scopeClaim) {
        Set<Scope> given = EnumSet.of(Scope.READ, Scope.WRITE);
        if (roles.contains(Role.ADMIN)) {
            given.add(Scope.ADMIN);
        }
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String value : values(scopeClaim)) {
            if (value.startsWith(SCOPE_PREFIX)) {
                for (Scope scope : Scope.values()) {
                    if (scope.code()
                            .equals(value.substring(SCOPE_PREFIX.length()).toLowerCase(Locale.ROOT))) {
                        granted.add(scope);
                    }
                }
            }
        }
        if (!granted.isEmpty()) {
            given.retainAll(granted);
        }
        return given;
    }

    /** A claim's values: a JSON array, or a space-separated string as OAuth's {@code scope} is. */
    private static List<String> values(Object claim) {
        if (claim instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }
}
