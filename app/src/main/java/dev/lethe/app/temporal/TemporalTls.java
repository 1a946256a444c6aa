package dev.lethe.app.temporal;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the options of Temporal's service stubs, with TLS (and mTLS) as {@link TemporalProperties.Tls} says. */
public final class TemporalTls {

    private TemporalTls() {}

    /** Stub options for the target, with TLS when it is enabled. */
    public static WorkflowServiceStubsOptions options(String target, TemporalProperties.Tls tls) {
        var options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
        if (tls.enabled()) {
            options.setSslContext(sslContext(tls));
            if (tls.serverName() != null && !tls.serverName().isBlank()) {
                options.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
            }
        }
        return options.build();
    }

    static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(TemporalProperties.Tls tls) {
        try {
            SimpleSslContextBuilder builder;
            if (tls.clientCert() != null) {
                // The builder reads the streams only in build(): hand it the bytes, not open files.
                builder = SimpleSslContextBuilder.forPKCS8(
                        new ByteArrayInputStream(Files.readAllBytes(tls.clientCert())),
                        new ByteArrayInputStream(Files.readAllBytes(tls.clientKey())));
            } else {
                builder = SimpleSslContextBuilder.noKeyOrCertChain();
            }
            if (tls.caCert() != null) {
                builder.setTrustManager(trustManagers(tls).getTrustManagers()[0]);
            }
            return builder.build();
        } catch (IOException e) {
            // The path names a file the operator configured; its content is never quoted.
            throw new UncheckedIOException("cannot read the Temporal TLS files (lethe.temporal.tls.*): " + e, e);
        }
    }

    private static TrustManagerFactory trustManagers(TemporalProperties.Tls tls) throws IOException {
        try (InputStream in = Files.newInputStream(tls.caCert())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalArgumentException("lethe.temporal.tls.ca-cert holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("lethe.temporal.tls.ca-cert is not a PEM certificate", e);
        }
    }
}
