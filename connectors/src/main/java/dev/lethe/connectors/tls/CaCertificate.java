package dev.lethe.connectors.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection's own CA certificate (PEM), for systems whose certificates a private CA signs. A form
 * field flattens the PEM's line breaks into spaces; {@link #pem} puts them back, so the value works
 * pasted into either the API or a page.
 */
public final class CaCertificate {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private CaCertificate() {}

    /** What is wrong with {@code value} as one or more PEM certificates, or empty. */
    public static Optional<String> problem(String value) {
        try {
            pem(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The certificates of {@code value} in PEM with 64-character lines, each parsed as X.509.
     *
     * @throws IllegalArgumentException naming the form expected, never quoting the value
     */
    public static String pem(String value) {
        Matcher matcher = PEM.matcher(value == null ? "" : value.strip());
        StringBuilder pem = new StringBuilder();
        int end = 0;
        while (matcher.find()) {
            if (!value.strip().substring(end, matcher.start()).isBlank()) {
                break;
            }
            end = matcher.end();
            String body = matcher.group(1).replaceAll("\\s", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            } catch (IllegalArgumentException | CertificateException e) {
                throw new IllegalArgumentException("is not a valid X.509 certificate in PEM");
            }
            pem.append("-----BEGIN CERTIFICATE-----\n");
            for (int i = 0; i < body.length(); i += 64) {
                pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
            }
            pem.append("-----END CERTIFICATE-----\n");
        }
        if (pem.isEmpty() || !value.strip().substring(end).isBlank()) {
            throw new IllegalArgumentException("is one or more certificates in PEM (-----BEGIN CERTIFICATE----- …)");
        }
        return pem.toString();
    }
}
