package dev.lethe.app;

import dev.lethe.app.local.LocalServicesLauncher;
import dev.lethe.app.local.ProductionServicesCheck;
import dev.lethe.app.tls.TlsSetup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Lethe in one process. With the {@code local} profile (the default) it first starts real
 * PostgreSQL, Kafka, Elasticsearch and Temporal on loopback; with {@code prod} it checks that the
 * external ones answer before anything else happens. The web tier (pages, controllers, sign-in)
 * comes from {@code dev.lethe.ui}; this module only assembles.
 */
@SpringBootApplication(scanBasePackages = {"dev.lethe.app", "dev.lethe.ui"})
@ConfigurationPropertiesScan({"dev.lethe.app", "dev.lethe.ui"})
public class LetheApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(LetheApplication.class);
        // In this order: the local services set their URLs, TLS settings are applied to them, then prod probes them.
        application.addListeners(new LocalServicesLauncher(), new TlsSetup(), new ProductionServicesCheck());
        application.run(args);
    }
}
