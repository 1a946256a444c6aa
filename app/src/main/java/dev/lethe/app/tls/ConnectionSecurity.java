package dev.lethe.app.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How each connection to an external service is secured, as configured: the input of the {@code prod} start-up's
 * plaintext warnings. Holds no secret (no URL with credentials leaves it: only modes and schemes).
 *
 * @param postgresSslMode the {@code sslmode} the PostgreSQL driver will use ({@link PostgresTls#sslMode})
 * @param kafkaSecurityProtocol Kafka's {@code security.protocol} ({@code PLAINTEXT} when unset)
 * @param elasticsearchSchemes the scheme of each {@code spring.elasticsearch.uris} entry
 * @param temporalTls whether {@code lethe.temporal.tls.enabled} is on
 * @param mailTransport how the portal reaches its SMTP relay: {@code starttls}, {@code ssl}, {@code plaintext}, or
 *     empty when no relay is configured ({@code lethe.portal.mail.*})
 */
public record ConnectionSecurity(
        String postgresSslMode,
        String kafkaSecurityProtocol,
        List<String> elasticsearchSchemes,
        boolean temporalTls,
        String mailTransport) {

    public ConnectionSecurity {
        elasticsearchSchemes = List.copyOf(elasticsearchSchemes);
    }

    /** Without an SMTP relay (the portal sends no mail). */
    public ConnectionSecurity(
            String postgresSslMode,
            String kafkaSecurityProtocol,
            List<String> elasticsearchSchemes,
            boolean temporalTls) {
        this(postgresSslMode, kafkaSecurityProtocol, elasticsearchSchemes, temporalTls, "");
    }

    /** Reads the settings as the clients will see them (after {@code lethe.tls.postgres.*} was applied). */
    public static ConnectionSecurity of(Environment environment) {
        Binder binder = Binder.get(environment);
        String protocol = environment.getProperty(
                "spring.kafka.security.protocol",
                environment.getProperty("spring.kafka.properties.security.protocol", "PLAINTEXT"));
        List<String> schemes = new ArrayList<>();
        for (String uri : binder.bind("spring.elasticsearch.uris", Bindable.listOf(String.class))
                .orElse(List.of("http://localhost:9200"))) {
            int colon = uri.indexOf("://");
            schemes.add(colon < 0 ? "http" : uri.substring(0, colon).strip().toLowerCase(Locale.ROOT));
        }
        return new ConnectionSecurity(
                PostgresTls.sslMode(environment.getProperty("spring.datasource.url")),
                protocol,
                schemes,
                environment.getProperty("lethe.temporal.tls.enabled", Boolean.class, false),
                mailTransport(environment));
    }

    private static String mailTransport(Environment environment) {
        if (environment.getProperty("lethe.portal.mail.host", "").isBlank()) {
            return "";
        }
        if (environment.getProperty("lethe.portal.mail.ssl", Boolean.class, false)) {
            return "ssl";
        }
        return environment.getProperty("lethe.portal.mail.start-tls", Boolean.class, false) ? "starttls" : "plaintext";
    }

    /**
     * One line per connection that is not verified TLS, naming the property that makes it so; empty when every
     * connection is. Never quotes a value that could hold a secret.
     */
    public List<String> plaintextWarnings() {
        List<String> warnings = new ArrayList<>();
        switch (postgresSslMode) {
            case "verify-full" -> {}
            case "verify-ca" ->
                warnings.add("PostgreSQL: TLS without a host name check (sslmode=verify-ca): set"
                        + " lethe.tls.postgres.mode=verify-full");
            case "require" ->
                warnings.add(
                        "PostgreSQL: TLS without checking the server's certificate"
                                + " (sslmode=require): set lethe.tls.postgres.mode=verify-full and lethe.tls.postgres.root-cert");
            default ->
                warnings.add("PostgreSQL: the connection may be plaintext (sslmode=" + postgresSslMode
                        + "): set lethe.tls.postgres.mode=verify-full and lethe.tls.postgres.root-cert");
        }
        String protocol = kafkaSecurityProtocol.strip().toUpperCase(Locale.ROOT);
        if (!protocol.equals("SSL") && !protocol.equals("SASL_SSL")) {
            warnings.add("Kafka: the connection is plaintext (security.protocol=" + protocol
                    + "): set spring.kafka.security.protocol=SSL or SASL_SSL and spring.kafka.ssl.*");
        }
        if (elasticsearchSchemes.stream().anyMatch(scheme -> !scheme.equals("https"))) {
            warnings.add("Elasticsearch: the connection is plaintext (http): use https:// in spring.elasticsearch.uris"
                    + " and trust its CA with spring.elasticsearch.restclient.ssl.bundle");
        }
        if (!temporalTls) {
            warnings.add("Temporal: the connection is plaintext: set lethe.temporal.tls.enabled=true and"
                    + " lethe.temporal.tls.ca-cert");
        }
        if (mailTransport.equals("plaintext")) {
            warnings.add("SMTP relay (portal mail): codes and status links go out in clear: set"
                    + " lethe.portal.mail.start-tls=true (or lethe.portal.mail.ssl=true for port 465) and, for a"
                    + " private CA, lethe.portal.mail.ssl-bundle");
        }
        return warnings;
    }
}
