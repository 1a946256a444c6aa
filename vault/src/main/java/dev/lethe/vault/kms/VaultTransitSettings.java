package dev.lethe.vault.kms;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a HashiCorp Vault transit key ({@code lethe.vault.kms.vault-transit.*}).
 *
 * @param address Vault's address, e.g. {@code https://vault.internal:8200} ({@code .address})
 * @param mount the transit engine's mount path, default {@code transit} ({@code .mount})
 * @param keyName the transit key, of an AEAD type such as {@code aes256-gcm96} ({@code .key-name})
 * @param token a Vault token allowed to encrypt, decrypt, read, rotate and configure that key ({@code
 *     .token}); secret, never printed
 * @param namespace Vault Enterprise namespace, or null ({@code .namespace})
 * @param timeout per request ({@code .timeout}, default 10 s)
 */
public record VaultTransitSettings(
        URI address, String mount, String keyName, String token, String namespace, Duration timeout) {
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._/-]+");

    public VaultTransitSettings {
        Objects.requireNonNull(address, "lethe.vault.kms.vault-transit.address is required");
        if (!"https".equals(address.getScheme()) && !"http".equals(address.getScheme())) {
            throw new IllegalArgumentException("lethe.vault.kms.vault-transit.address must be http(s)");
        }
        mount = mount == null || mount.isBlank() ? "transit" : trimSlashes(mount);
        requireSegment(mount, "mount");
        requireSegment(keyName, "key-name");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("lethe.vault.kms.vault-transit.token is required");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public static VaultTransitSettings of(URI address, String keyName, String token) {
        return new VaultTransitSettings(address, null, keyName, token, null, null);
    }

    /** Hides the token. */
    @Override
    public String toString() {
        return "VaultTransitSettings[address=" + address + ", mount=" + mount + ", keyName=" + keyName
                + ", token=****, namespace=" + namespace + ", timeout=" + timeout + "]";
    }

    URI uri(String path) {
        String base = address.toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/" + mount + "/" + path);
    }

    private static void requireSegment(String value, String property) {
        if (value == null || !PATH_SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(
                    "lethe.vault.kms.vault-transit." + property + " must be a plain path segment");
        }
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}
