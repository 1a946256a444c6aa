package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.tls.LocalHttps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web tier with the self-signed certificate of {@code ./lethe up --tls} ({@link LocalHttps}, Spring Boot's
 * {@code server.ssl.*}), plus one plain HTTP connector on loopback so that both kinds of request reach the same
 * application: HTTPS answers with HSTS, plain HTTP without it (a browser must not pin HTTPS from a plaintext answer).
 */
@Import(HttpsIT.PlainHttpConnector.class)
class HttpsIT extends AppIntegrationTest {

    private static LocalHttps https;

    @DynamicPropertySource
    static void httpsWithTheLocalCertificate(DynamicPropertyRegistry registry) {
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.certificate", () -> https().certificate().toString());
        registry.add(
                "server.ssl.certificate-private-key", () -> https().privateKey().toString());
    }

    /** A second, plaintext connector on a free loopback port. */
    @TestConfiguration
    static class PlainHttpConnector {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> plainHttpConnector() {
            return factory -> {
                var connector = new Connector();
                connector.setPort(0);
                connector.setProperty("address", "127.0.0.1");
                factory.addAdditionalConnectors(connector);
            };
        }
    }

    @Autowired
    WebServerApplicationContext web;

    @Test
    void theSignInPageIsServedOverHttpsWithHsts() throws Exception {
        HttpResponse<String> response = trustingTheCertificate()
                .send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession())
                .hasValueSatisfying(session -> assertThat(session.getProtocol()).startsWith("TLSv1."));
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void plainHttpAnswersWithoutHsts() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort() + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void theSessionCookieIsSecureOverHttpsAndNotOverPlainHttp() throws Exception {
        HttpResponse<String> overHttps = trustingTheCertificate()
                .send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> overHttp = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort() + "/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // A browser never sends a Secure cookie over plain HTTP, where anyone on the path could read it.
        assertThat(sessionCookieAttributes(overHttps)).contains("secure", "httponly", "samesite=lax");
        // Plain HTTP is loopback-only by default (10.2); a Secure cookie would not come back at all there.
        assertThat(sessionCookieAttributes(overHttp)).contains("httponly").doesNotContain("secure");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/sign-in"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    /** The attributes of the response's LETHE_SESSION cookie, in lower case. */
    private static List<String> sessionCookieAttributes(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("LETHE_SESSION="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
        return Arrays.stream(cookie.split(";"))
                .skip(1)
                .map(attribute -> attribute.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    private int plainPort() {
        Connector[] connectors =
                ((TomcatWebServer) web.getWebServer()).getTomcat().getService().findConnectors();
        return Arrays.stream(connectors)
                .filter(connector -> connector.getLocalPort() != port)
                .mapToInt(Connector::getLocalPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plain HTTP connector among "
                        + Arrays.stream(connectors)
                                .map(connector -> connector.getScheme() + ":" + connector.getLocalPort())
                                .toList()));
    }

    private static synchronized LocalHttps https() {
        if (https == null) {
            try {
                https = LocalHttps.ensure(Files.createTempDirectory("lethe-https-it-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return https;
    }

    private static HttpClient trustingTheCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(https().certificate().toString()))) {
            trusted.setCertificateEntry(
                    "lethe", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
