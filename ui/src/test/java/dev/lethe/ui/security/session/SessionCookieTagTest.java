package dev.lethe.ui.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionCookieTagTest {

    private static final String SESSION = "0b0f6a1e-3d3c-4a52-9b7e-5c1d2e3f4a5b";
    private final SessionCookieTag.Key key = key(1);
    private final SessionCookieTag.Key other = key(2);

    @Test
    void aSignedValueNamesItsSessionUnderTheKeyThatSignedIt() {
        String cookie = SessionCookieTag.sign(SESSION, key);

        assertThat(cookie).startsWith(SESSION + "." + key.id() + ".");
        assertThat(SessionCookieTag.verify(cookie, known(key))).contains(SESSION);
    }

    @Test
    void theBareSessionIdFromTheDatabaseNamesNoSession() {
        assertThat(SessionCookieTag.verify(SESSION, known(key))).isEmpty();
    }

    @Test
    void anotherSessionIdUnderTheSameTagIsRefused() {
        String cookie = SessionCookieTag.sign(SESSION, key);
        String swapped = "ffffffff-3d3c-4a52-9b7e-5c1d2e3f4a5b" + cookie.substring(SESSION.length());

        assertThat(SessionCookieTag.verify(swapped, known(key))).isEmpty();
    }

    @Test
    void aTagMadeWithAKeyNotKnownHereIsRefused() {
        String cookie = SessionCookieTag.sign(SESSION, other);
        String claimingKnownKey = cookie.replace(other.id().toString(), key.id().toString());

        assertThat(SessionCookieTag.verify(cookie, known(key))).isEmpty();
        assertThat(SessionCookieTag.verify(claimingKnownKey, known(key))).isEmpty();
    }

    @Test
    void aFlippedTagCharacterIsRefused() {
        String cookie = SessionCookieTag.sign(SESSION, key);
        char last = cookie.charAt(cookie.length() - 1);
        String flipped = cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(SessionCookieTag.verify(flipped, known(key))).isEmpty();
    }

    @Test
    void malformedValuesAreRefusedWithoutLookingUpAKey() {
        for (String value : new String[] {"", ".", "a.b.c", SESSION + "." + key.id() + ".", "x".repeat(5000)}) {
            assertThat(SessionCookieTag.verify(value, id -> {
                        throw new AssertionError("looked up a key for " + value);
                    }))
                    .isEmpty();
        }
    }

    private static java.util.function.Function<UUID, Optional<SessionCookieTag.Key>> known(SessionCookieTag.Key key) {
        Map<UUID, SessionCookieTag.Key> keys = Map.of(key.id(), key);
        return id -> Optional.ofNullable(keys.get(id));
    }

    private static SessionCookieTag.Key key(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return new SessionCookieTag.Key(UUID.randomUUID(), secret);
    }
}
