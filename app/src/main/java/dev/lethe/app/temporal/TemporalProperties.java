package dev.lethe.app.temporal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Temporal service is.
 *
 * @param target host:port of the Temporal frontend (the local profile sets it to the embedded one)
 * @param namespace the Temporal namespace Lethe's workflows run in
 * @param tls TLS to the frontend ({@code lethe.temporal.tls.*}); off by default
 */
@ConfigurationProperties("lethe.temporal")
public record TemporalProperties(
        @DefaultValue("127.0.0.1:17233") String target,
        @DefaultValue("default") String namespace,
        @DefaultValue Tls tls) {

    /**
     * TLS to Temporal, optionally mutual.
     *
     * @param enabled whether the connection uses TLS
     * @param caCert the CA certificate(s) (PEM) that signed the frontend's certificate; unset, the JDK's trusted CAs
     * @param clientCert Lethe's client certificate (PEM) for mTLS; with {@code clientKey}
     * @param clientKey its key (PKCS#8 PEM)
     * @param serverName the name to expect in the frontend's certificate when it differs from the target's host
     */
    public record Tls(boolean enabled, Path caCert, Path clientCert, Path clientKey, String serverName) {

        public Tls {
            if ((clientCert == null) != (clientKey == null)) {
                throw new IllegalArgumentException(
                        "lethe.temporal.tls.client-cert and lethe.temporal.tls.client-key go together");
            }
            if (!enabled && (caCert != null || clientCert != null)) {
                throw new IllegalArgumentException(
                        "lethe.temporal.tls.* certificates are set but lethe.temporal.tls.enabled is false");
            }
        }

        public static Tls off() {
            return new Tls(false, null, null, null, null);
        }
    }

    public TemporalProperties {
        tls = tls == null ? Tls.off() : tls;
    }
}
