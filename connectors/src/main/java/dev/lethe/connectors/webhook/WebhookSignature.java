package dev.lethe.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature Lethe puts on every webhook request, after Stripe's: the header {@value #HEADER}
 * is {@code t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">} with the connection's
 * signing secret. A receiver recomputes the HMAC over the exact bytes it received, compares in
 * constant time, and refuses a timestamp more than {@link #TOLERANCE} away from its clock, so a
 * captured request cannot be replayed later. Several {@code v1} entries may be present (while a
 * secret is rotated); one matching is enough.
 *
 * <p>A public, dependency-free class: services written in Java can copy or depend on it to check
 * what Lethe sends. Stateless and thread-safe.
 */
public final class WebhookSignature {

    /** The request header carrying the signature. */
    public static final String HEADER = "Lethe-Signature";

    /** How far the signed time may be from the receiver's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code time}. */
    public static String sign(String secret, Instant time, byte[] body) {
        long t = time.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    /** {@link #verify(String, String, byte[], Instant)} for a body received as UTF-8 text. */
    public static boolean verify(String secret, String header, String body, Instant now) {
        return verify(secret, header, body.getBytes(StandardCharsets.UTF_8), now);
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} under {@code secret}, made within
     * {@link #TOLERANCE} of {@code now}. A malformed header is simply not valid: never throws for
     * what a sender controls.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now) {
        if (secret == null || secret.isEmpty() || header == null || body == null || now == null) {
            return false;
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                return false;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                if (t != null || !value.matches("[0-9]{1,12}")) {
                    return false;
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!value.matches("[0-9a-fA-F]{64}")) {
                    return false;
                }
                signatures.add(HexFormat.of().parseHex(value));
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - t);
        if (age > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, t, body);
        boolean matched = false;
        for (byte[] signature : signatures) {
            // Constant time, and every entry compared, so timing tells nothing about which matched.
            matched |= MessageDigest.isEqual(expected, signature);
        }
        return matched;
    }

    private static byte[] hmac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
