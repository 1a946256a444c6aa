package dev.lethe.ui.security.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of a session cookie: {@code <session id>.<key id>.<tag>}, the tag an HMAC-SHA-256 of the
 * session id under the key named. Only a cookie whose tag checks out names a session, so an id read
 * from the database, or a session row written into it, is useless without the key. Pure and
 * thread-safe.
 */
final class SessionCookieTag {

    /** A signing key: its id travels in the cookie, its secret never leaves the process. */
    record Key(UUID id, byte[] secret) {
        Key {
            if (secret.length < 32) {
                throw new IllegalArgumentException("a session cookie key has at least 256 bits");
            }
            secret = secret.clone();
        }

        @Override
        public String toString() {
            return "SessionCookieTag.Key[" + id + "]";
        }
    }

    // Spring Session's ids are UUIDs; anything else in a cookie is refused before a key is looked up.
    private static final Pattern VALUE =
            Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\."
                    + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private SessionCookieTag() {}

    static String sign(String sessionId, Key key) {
        return sessionId + "." + key.id() + "." + BASE64.encodeToString(tag(sessionId, key));
    }

    /** The session id the cookie value names, when its tag was made by a key {@code keys} knows. */
    static Optional<String> verify(String cookieValue, Function<UUID, Optional<Key>> keys) {
        var parts = VALUE.matcher(cookieValue);
        if (!parts.matches()) {
            return Optional.empty();
        }
        String sessionId = parts.group(1);
        // Compared as text: the last of 43 base64 characters carries 2 bits a decoder ignores, and a
        // cookie differing only there must not pass as the same tag.
        byte[] presented = parts.group(3).getBytes(StandardCharsets.US_ASCII);
        return keys.apply(UUID.fromString(parts.group(2)))
                .filter(key -> MessageDigest.isEqual(
                        BASE64.encodeToString(tag(sessionId, key)).getBytes(StandardCharsets.US_ASCII), presented))
                .map(key -> sessionId);
    }

    private static byte[] tag(String sessionId, Key key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret, "HmacSHA256"));
            return mac.doFinal(("lethe-session/v1:" + key.id() + ":" + sessionId).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
