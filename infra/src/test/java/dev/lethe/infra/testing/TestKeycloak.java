package dev.lethe.infra.testing;

import dev.lethe.infra.KeycloakServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One real OIDC provider per test JVM ({@link KeycloakServer}), started on first use and stopped
 * when the JVM exits, like the other shared services. Its realms come from this package's
 * resources:
 *
 * <ul>
 *   <li>{@value #REALM}: realm roles ADMIN, PRIVACY_OFFICER, ENGINEER, AUDITOR in a {@code roles}
 *       claim; a fixed {@code tenant} claim ({@value #TENANT}); users {@code admin@}, {@code
 *       officer@}, {@code engineer@}, {@code auditor@}, {@code nobody@example.com} (no role), {@code
 *       unverified@example.com} (an ENGINEER whose address the provider has not verified) and {@code
 *       taken@example.com} (an ENGINEER), all with the password {@value #PASSWORD}. Clients (secret: the client id's last word plus
 *       {@code -secret}): {@code lethe-api-client} (audience {@value #AUDIENCE}; its service
 *       account is an ENGINEER), {@code lethe-no-audience}, {@code lethe-no-tenant}, {@code
 *       lethe-short-lived} (tokens live 5 s) and {@code lethe-web} (authorization code with PKCE
 *       S256, redirects to any loopback URL).
 *   <li>{@value #OTHER_REALM}: another issuer with the same {@code lethe-api-client}, whose tokens
 *       an application trusting {@value #REALM} must refuse.
 * </ul>
 */
public final class TestKeycloak {

    public static final String REALM = "lethe";
    public static final String OTHER_REALM = "other";
    public static final String AUDIENCE = "lethe-api";
    public static final String TENANT = "sso-test";
    public static final String PASSWORD = "sso-test-password";

    private static KeycloakServer server;
    private static RuntimeException startFailure;

    private TestKeycloak() {}

    /** The running provider; starts it on first use (15–40 s). */
    public static synchronized KeycloakServer server() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (server == null) {
            try {
                server = start();
            } catch (RuntimeException e) {
                startFailure = new IllegalStateException("The test Keycloak did not start: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return server;
    }

    private static KeycloakServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("lethe-keycloak-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> realms = new LinkedHashMap<>();
        realms.put("lethe-test-realm-lethe.json", resource("keycloak-realm-lethe.json"));
        realms.put("lethe-test-realm-other.json", resource("keycloak-realm-other.json"));
        KeycloakServer started = KeycloakServer.start(dir, realms, REALM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            TestServices.deleteRecursively(dir);
        }));
        return started;
    }

    private static String resource(String name) {
        try (InputStream in = TestKeycloak.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
