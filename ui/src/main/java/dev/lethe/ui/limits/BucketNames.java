package dev.lethe.ui.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bucket names: the kind in clear, the value as an HMAC-SHA256 (128 bits) under a secret key. */
final class BucketNames {

    private static final int MAX_KIND = 40;

    private final SecretKeySpec key;

    BucketNames(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String name(String kind, String value) {
        if (kind.isEmpty() || kind.length() > MAX_KIND || !kind.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a bucket kind is 1 to 40 of a-z, 0-9 and '-'");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest =
                    mac.doFinal((kind + ":" + value.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return kind + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
