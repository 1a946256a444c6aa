package dev.lethe.ui.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashcash-style challenges: the server issues {@code v1.<expires>.<difficulty>.<nonce>.<mac>} (expiry in
 * epoch seconds, a random 128-bit nonce, and an HMAC-SHA-256 over them, the tenant and the action, so a
 * challenge is only good for the form it was issued with and cannot be made up or made easier); the
 * browser finds a decimal {@code solution} such that SHA-256({@code challenge + ":" + solution}) starts
 * with {@code difficulty} zero bits. Checking costs one HMAC and one hash; finding costs the browser about
 * 2<sup>difficulty</sup> hashes. Nothing about the person goes into it. Each nonce is good once: {@code
 * firstUse} is asked only for a challenge that is otherwise right, and answers false when the nonce was
 * seen before. Thread-safe.
 */
final class ProofOfWork {

    /** What checking an answer found. */
    enum Outcome {
        /** Right, in time, and its first use. */
        SOLVED,
        /** No challenge or no solution sent. */
        MISSING,
        /** Not one this server issued for this tenant and form (or tampered with). */
        INVALID,
        /** Issued, but past its validity. */
        EXPIRED,
        /** The solution does not reach the difficulty. */
        UNSOLVED,
        /** Solved before: each challenge counts once. */
        REUSED
    }

    /** A challenge as the form carries it. */
    record Challenge(String token, int difficulty) {}

    private static final Pattern TOKEN =
            Pattern.compile("v1\\.([0-9]{1,12})\\.([0-9]{1,2})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern SOLUTION = Pattern.compile("[0-9]{1,20}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;

    ProofOfWork(byte[] key, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a challenge key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    Challenge issue(UUID tenantId, String action, int difficulty, Duration validity) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String body = "v1." + expires + "." + difficulty + "." + nonce;
        return new Challenge(body + "." + mac(tenantId, action, body), difficulty);
    }

    Outcome check(UUID tenantId, String action, String token, String solution, Predicate<String> firstUse) {
        if (token == null || token.isBlank() || solution == null || solution.isBlank()) {
            return Outcome.MISSING;
        }
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return Outcome.INVALID;
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        if (!MessageDigest.isEqual(
                mac(tenantId, action, body).getBytes(StandardCharsets.US_ASCII),
                parts.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.INVALID;
        }
        if (Long.parseLong(parts.group(1)) <= clock.instant().getEpochSecond()) {
            return Outcome.EXPIRED;
        }
        if (!SOLUTION.matcher(solution).matches() || !solves(token, solution, Integer.parseInt(parts.group(2)))) {
            return Outcome.UNSOLVED;
        }
        return firstUse.test(parts.group(3)) ? Outcome.SOLVED : Outcome.REUSED;
    }

    /** Whether SHA-256 of {@code token:solution} starts with {@code difficulty} zero bits. */
    static boolean solves(String token, String solution, int difficulty) {
        byte[] hash = sha256(token + ":" + solution);
        int full = difficulty / 8;
        for (int i = 0; i < full; i++) {
            if (hash[i] != 0) {
                return false;
            }
        }
        int rest = difficulty % 8;
        return rest == 0 || (hash[full] & 0xff) >>> (8 - rest) == 0;
    }

    private String mac(UUID tenantId, String action, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(
                    ("portal-challenge|" + tenantId + "|" + action + "|" + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
