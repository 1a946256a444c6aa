package dev.lethe.ui.signals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client addresses as keyed hashes (HMAC-SHA-256), so that signals and the stored per-key address sets
 * never hold an address. Keyed by {@code lethe.signals.address-key} when set (kept outside the database,
 * so a copy of the database alone does not reveal addresses); otherwise by a fixed label, and then
 * somebody with the database could recover an IPv4 address by hashing all 2³² of them.
 */
public final class AddressHashes {

    private static final String FALLBACK = "lethe-address-hash/v1";
    private final SecretKeySpec key;

    public AddressHashes(String base64Key) {
        byte[] bytes = base64Key == null || base64Key.isBlank()
                ? FALLBACK.getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(base64Key.strip());
        if (bytes.length < 16) {
            throw new IllegalArgumentException("lethe.signals.address-key must hold at least 16 bytes (base64)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The hash of an address as seen by one API key (the key's id is part of the input). */
    public byte[] forKey(UUID apiKeyId, String address) {
        return hmac(apiKeyId + "|" + address);
    }

    /** A short, stable label for an address in signals: the first 8 bytes of its hash, in hex. */
    public String label(String address) {
        byte[] hash = hmac("address|" + address);
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
