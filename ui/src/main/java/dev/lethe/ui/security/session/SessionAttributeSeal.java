package dev.lethe.ui.security.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session attribute as stored: {@code LSA1.<key id>.<tag>.<JSON>}, the tag an HMAC-SHA-256 under a
 * session cookie key ({@link SessionCookieKeys}) of the session id, the attribute's name and the JSON
 * ({@link SessionAttributeCodec}). Someone who can write {@code spring_session_attributes} but has no
 * session key can neither change a value, nor move one to another session or another name: it no
 * longer opens. The tag is domain-separated from the cookie's. Thread-safe.
 */
final class SessionAttributeSeal {

    private static final byte[] MAGIC = "LSA1.".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_ID = 36;
    private static final int TAG = 43;
    private static final int HEADER = MAGIC.length + KEY_ID + 1 + TAG + 1;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<SessionCookieTag.Key> signingKey;
    private final Function<UUID, Optional<SessionCookieTag.Key>> verifyingKeys;
    private final SessionAttributeCodec codec = new SessionAttributeCodec();

    SessionAttributeSeal(
            Supplier<SessionCookieTag.Key> signingKey, Function<UUID, Optional<SessionCookieTag.Key>> verifyingKeys) {
        this.signingKey = signingKey;
        this.verifyingKeys = verifyingKeys;
    }

    static SessionAttributeSeal with(SessionCookieKeys keys) {
        return new SessionAttributeSeal(keys::signingKey, keys::verifyingKey);
    }

    /** Whether the value is of a type that is stored at all. */
    boolean stores(Object value) {
        return codec.encode(value).isPresent();
    }

    /** The bytes to store; the value must be one that {@link #stores}. */
    byte[] seal(String sessionId, String name, Object value) {
        byte[] json = codec.encode(value)
                .orElseThrow(() ->
                        new IllegalStateException("session attribute " + name + " is of a type that is not stored"));
        SessionCookieTag.Key key = signingKey.get();
        byte[] header = ("LSA1." + key.id() + "." + BASE64.encodeToString(tag(key, sessionId, name, json)) + ".")
                .getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + json.length)
                .put(header)
                .put(json)
                .array();
    }

    /** The value stored under this session id and name; refused unless sealed so under a key known here. */
    Object open(String sessionId, String name, byte[] stored) {
        if (stored.length <= HEADER
                || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || stored[MAGIC.length + KEY_ID] != '.'
                || stored[HEADER - 1] != '.') {
            throw new SessionAttributeRefused("is not sealed");
        }
        UUID keyId;
        try {
            keyId = UUID.fromString(new String(stored, MAGIC.length, KEY_ID, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new SessionAttributeRefused("is not sealed");
        }
        SessionCookieTag.Key key = verifyingKeys
                .apply(keyId)
                .orElseThrow(() -> new SessionAttributeRefused("is sealed under an unknown key"));
        byte[] json = Arrays.copyOfRange(stored, HEADER, stored.length);
        byte[] presented = Arrays.copyOfRange(stored, MAGIC.length + KEY_ID + 1, HEADER - 1);
        byte[] expected = BASE64.encodeToString(tag(key, sessionId, name, json)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new SessionAttributeRefused("has a tag that does not check out");
        }
        return codec.decode(json);
    }

    private static byte[] tag(SessionCookieTag.Key key, String sessionId, String name, byte[] json) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            // The name's length goes first, so that no name and JSON can pass for another pair.
            mac.update(("lethe-session-attribute/v1:" + key.id() + ":" + sessionId + ":" + nameBytes.length + ":")
                    .getBytes(StandardCharsets.UTF_8));
            mac.update(nameBytes);
            mac.update((byte) ':');
            return mac.doFinal(json);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
