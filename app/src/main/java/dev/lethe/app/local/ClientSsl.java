package dev.lethe.app.local;

import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The SSL bundle a client is configured with ({@code spring.ssl.bundle.pem.NAME} or {@code .jks.NAME}), read before
 * the application context exists, so the start-up probes trust what the real clients will trust.
 */
final class ClientSsl {

    private ClientSsl() {}

    /** The context of {@code spring.elasticsearch.restclient.ssl.bundle}; null when none is named. */
    static SSLContext elasticsearch(Environment environment) {
        String name = environment.getProperty("spring.elasticsearch.restclient.ssl.bundle");
        if (name == null || name.isBlank()) {
            return null;
        }
        Binder binder = Binder.get(environment);
        var pem = binder.bind("spring.ssl.bundle.pem." + name, PemSslBundleProperties.class);
        if (pem.isBound()) {
            return PropertiesSslBundle.get(pem.get()).createSslContext();
        }
        var jks = binder.bind("spring.ssl.bundle.jks." + name, JksSslBundleProperties.class);
        if (jks.isBound()) {
            return PropertiesSslBundle.get(jks.get()).createSslContext();
        }
        throw new IllegalStateException("spring.elasticsearch.restclient.ssl.bundle names the bundle '" + name
                + "', but no spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + " is configured");
    }
}
