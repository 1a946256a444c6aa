package dev.lethe.app.tls;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TLS to PostgreSQL ({@code lethe.tls.postgres.*}), added to the JDBC URLs of the data source and of Flyway as the
 * driver's own parameters. Unset, a URL stays as written (it may carry {@code sslmode} itself).
 *
 * @param mode the driver's {@code sslmode}: {@code verify-full} in production (encrypted, the server's certificate
 *     checked against {@code rootCert} and its name against the host of the URL)
 * @param rootCert the CA certificate(s) (PEM) that signed the server's certificate
 * @param cert a client certificate (PEM), when the server authenticates clients by certificate
 * @param key the client certificate's key (PKCS#8 DER or PEM, as the driver reads it)
 */
public record PostgresTls(String mode, Path rootCert, Path cert, Path key) {

    public PostgresTls {
        if (mode != null) {
            mode = mode.strip().toLowerCase(Locale.ROOT);
            if (!mode.matches("disable|allow|prefer|require|verify-ca|verify-full")) {
                throw new IllegalArgumentException("lethe.tls.postgres.mode must be one of disable, allow, prefer,"
                        + " require, verify-ca, verify-full");
            }
        }
        if (("verify-full".equals(mode) || "verify-ca".equals(mode)) && rootCert == null) {
            throw new IllegalArgumentException("lethe.tls.postgres.mode=" + mode + " needs lethe.tls.postgres.root-cert"
                    + " (the CA certificate that signed the server's)");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("lethe.tls.postgres.cert and lethe.tls.postgres.key go together");
        }
    }

    public static PostgresTls none() {
        return new PostgresTls(null, null, null, null);
    }

    /** The URL with this TLS setting's parameters, replacing any of the same name; unchanged when unset. */
    public String applyTo(String jdbcUrl) {
        if (jdbcUrl == null || mode == null) {
            return jdbcUrl;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("sslmode", mode);
        if (rootCert != null) {
            parameters.put("sslrootcert", rootCert.toAbsolutePath().toString());
        }
        if (cert != null) {
            parameters.put("sslcert", cert.toAbsolutePath().toString());
            parameters.put("sslkey", key.toAbsolutePath().toString());
        }
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        StringBuilder url = new StringBuilder(base);
        char separator = '?';
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pair.isEmpty() && !parameters.containsKey(name)) {
                    url.append(separator).append(pair);
                    separator = '&';
                }
            }
        }
        for (var parameter : parameters.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return url.toString();
    }

    /**
     * The {@code sslmode} the PostgreSQL driver uses for a JDBC URL: its {@code sslmode} parameter, else
     * {@code verify-full} for {@code ssl=true}, else the driver's default {@code prefer} (TLS if offered, nothing
     * checked).
     */
    static String sslMode(String jdbcUrl) {
        int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
        Optional<String> ssl = Optional.empty();
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                if (pair.startsWith("sslmode=")) {
                    return pair.substring("sslmode=".length()).toLowerCase(Locale.ROOT);
                }
                if (pair.startsWith("ssl=")) {
                    ssl = Optional.of(pair.substring("ssl=".length()));
                }
            }
        }
        return ssl.filter("true"::equalsIgnoreCase).map(on -> "verify-full").orElse("prefer");
    }
}
