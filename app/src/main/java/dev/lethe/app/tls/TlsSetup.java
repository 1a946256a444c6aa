package dev.lethe.app.tls;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Applies {@code lethe.tls.*} before anything connects: the local self-signed HTTPS certificate
 * ({@code lethe.tls.self-signed}), PostgreSQL's TLS parameters on the JDBC URLs ({@code lethe.tls.postgres.*}), and
 * with the {@code prod} profile one warning per connection that is not verified TLS. Runs after the local services
 * set their URLs and before the production check probes them.
 */
public final class TlsSetup implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(TlsSetup.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    /** Applies {@code lethe.tls.*} to the environment, as at start-up. */
    public static void apply(ConfigurableEnvironment environment) {
        Map<String, Object> properties = new HashMap<>();
        Binder binder = Binder.get(environment);
        if (binder.bind("lethe.tls.self-signed", Boolean.class).orElse(false)) {
            properties.putAll(selfSigned(environment, binder));
        }
        PostgresTls postgres =
                binder.bind("lethe.tls.postgres", PostgresTls.class).orElse(PostgresTls.none());
        properties.putAll(postgresUrls(postgres, environment));
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("lethe-tls", properties));
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            for (String warning : ConnectionSecurity.of(environment).plaintextWarnings()) {
                log.warn("NOT SECURE: {}", warning);
            }
        }
    }

    /** The data source's and Flyway's URLs with PostgreSQL's TLS parameters; none when TLS is not configured. */
    static Map<String, Object> postgresUrls(PostgresTls tls, Environment environment) {
        Map<String, Object> urls = new HashMap<>();
        for (String property : new String[] {"spring.datasource.url", "spring.flyway.url"}) {
            String url = environment.getProperty(property);
            if (url != null && tls.mode() != null) {
                urls.put(property, tls.applyTo(url));
            }
        }
        return urls;
    }

    private static Map<String, Object> selfSigned(Environment environment, Binder binder) {
        if (environment.containsProperty("server.ssl.certificate")
                || environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.key-store")) {
            log.info("lethe.tls.self-signed is ignored: server.ssl.* names a certificate");
            return Map.of();
        }
        Path dataDir = binder.bind("lethe.data-dir", Path.class).orElse(Path.of(".lethe"));
        LocalHttps https = LocalHttps.ensure(dataDir);
        log.info(
                "HTTPS with the self-signed certificate {} ({}); SHA-256 fingerprint {}",
                https.certificate(),
                https.created() ? "made now" : "made earlier",
                https.fingerprint());
        return https.serverProperties();
    }
}
