package dev.lethe.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "a-signing-secret-of-at-least-32-chars";
    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] BODY = "{\"action\":\"erase\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesWithTheSameSecretAndBody() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(header).matches("t=1796119200,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plusSeconds(30)))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, new String(BODY, StandardCharsets.UTF_8), SENT))
                .isTrue();
    }

    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        // Computed independently: printf '1796119200.{"action":"erase"}' | openssl dgst -sha256 -hmac <secret>
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(header).isEqualTo("t=1796119200,v1=" + Hmac.hex(SECRET, "1796119200.{\"action\":\"erase\"}"));
    }

    @Test
    void anotherBodyOrSecretDoesNotVerify() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, "{\"action\":\"access\"}", SENT))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET + "x", header, BODY, SENT)).isFalse();
    }

    @Test
    void aSignatureOutsideTheReplayWindowIsRefusedEitherWay() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(WebhookSignature.TOLERANCE)))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, SENT.plus(Duration.ofMinutes(5).plusSeconds(1))))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.minus(Duration.ofMinutes(6))))
                .isFalse();
    }

    @Test
    void aTimestampChangedAfterSigningDoesNotVerify() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);
        String moved = header.replace("t=1796119200", "t=1796119260");

        assertThat(WebhookSignature.verify(SECRET, moved, BODY, SENT)).isFalse();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String header = WebhookSignature.sign(SECRET, SENT, BODY);
        String rotated = header.replace(",v1=", ",v1=" + "0".repeat(64) + ",v1=");

        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, SENT)).isTrue();
    }

    @Test
    void malformedHeadersAreSimplyInvalid() {
        for (String header : new String[] {
            null, "", "t=1796119200", "v1=" + "a".repeat(64), "t=abc,v1=" + "a".repeat(64), "t=1,t=2,v1=aa", "garbage"
        }) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT))
                    .as(header)
                    .isFalse();
        }
        assertThat(WebhookSignature.verify("", WebhookSignature.sign(SECRET, SENT, BODY), BODY, SENT))
                .isFalse();
    }

    /** An HMAC computed without the class under test. */
    private static final class Hmac {
        static String hex(String secret, String message) {
            try {
                var mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
