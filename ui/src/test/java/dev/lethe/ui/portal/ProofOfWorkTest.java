package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The challenge verifier: what it accepts once, and every way an answer is refused. */
class ProofOfWorkTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final UUID TENANT = UUID.randomUUID();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:00:00Z"));
    private final ProofOfWork work = new ProofOfWork(KEY, clock);
    private final Set<String> used = new HashSet<>();
    private final Predicate<String> firstUse = used::add;

    @Test
    void aSolvedChallengeIsAcceptedOnceThenRefusedAsReused() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 12, Duration.ofMinutes(10));
        String solution = solve(challenge.token(), 12);

        assertThat(work.check(TENANT, "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.SOLVED);
        assertThat(work.check(TENANT, "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.REUSED);
    }

    @Test
    void aMissingChallengeOrSolutionIsMissing() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 8, Duration.ofMinutes(10));

        assertThat(work.check(TENANT, "file", "", "1", firstUse)).isEqualTo(ProofOfWork.Outcome.MISSING);
        assertThat(work.check(TENANT, "file", challenge.token(), "", firstUse)).isEqualTo(ProofOfWork.Outcome.MISSING);
        assertThat(work.check(TENANT, "file", null, null, firstUse)).isEqualTo(ProofOfWork.Outcome.MISSING);
    }

    @Test
    void aWrongSolutionIsUnsolvedAndDoesNotSpendTheChallenge() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 16, Duration.ofMinutes(10));
        String solution = solve(challenge.token(), 16);
        String wrong = firstNonSolution(challenge.token(), 16);

        assertThat(work.check(TENANT, "file", challenge.token(), wrong, firstUse))
                .isEqualTo(ProofOfWork.Outcome.UNSOLVED);
        assertThat(work.check(TENANT, "file", challenge.token(), "12a", firstUse))
                .isEqualTo(ProofOfWork.Outcome.UNSOLVED);
        assertThat(work.check(TENANT, "file", challenge.token(), "1".repeat(21), firstUse))
                .isEqualTo(ProofOfWork.Outcome.UNSOLVED);
        assertThat(work.check(TENANT, "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.SOLVED);
    }

    @Test
    void aChallengeIsGoodOnlyForItsTenantAndFormAndFromThisKey() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 8, Duration.ofMinutes(10));
        String solution = solve(challenge.token(), 8);
        ProofOfWork otherKey =
                new ProofOfWork("another key of 32 bytes, really!".getBytes(StandardCharsets.US_ASCII), clock);

        assertThat(work.check(UUID.randomUUID(), "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(work.check(TENANT, "resend", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(otherKey.check(TENANT, "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(used).as("nothing spent by refused answers").isEmpty();
    }

    @Test
    void anEasierOrLongerLivedChallengeCannotBeMadeUp() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 20, Duration.ofMinutes(10));
        String[] parts = challenge.token().split("\\.");
        String easier = String.join(".", parts[0], parts[1], "1", parts[3], parts[4]);
        String later = String.join(
                ".", parts[0], Long.toString(Long.parseLong(parts[1]) + 3600), parts[2], parts[3], parts[4]);

        assertThat(work.check(TENANT, "file", easier, solve(easier, 1), firstUse))
                .isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(work.check(TENANT, "file", later, "1", firstUse)).isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(work.check(TENANT, "file", "v1.garbage", "1", firstUse)).isEqualTo(ProofOfWork.Outcome.INVALID);
        assertThat(work.check(TENANT, "file", challenge.token() + "x", "1", firstUse))
                .isEqualTo(ProofOfWork.Outcome.INVALID);
    }

    @Test
    void aChallengePastItsValidityHasExpired() {
        ProofOfWork.Challenge challenge = work.issue(TENANT, "file", 8, Duration.ofMinutes(10));
        String solution = solve(challenge.token(), 8);
        clock.now = clock.now.plus(Duration.ofMinutes(10));

        assertThat(work.check(TENANT, "file", challenge.token(), solution, firstUse))
                .isEqualTo(ProofOfWork.Outcome.EXPIRED);
    }

    @Test
    void solvesCountsLeadingZeroBitsOfTheSha256() throws Exception {
        String token = "t";
        String solution = solve(token, 12);
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest(("t:" + solution).getBytes(StandardCharsets.US_ASCII));

        assertThat(hash[0]).isZero();
        assertThat((hash[1] & 0xff) >>> 4).isZero();
        assertThat(ProofOfWork.solves(token, solution, 12)).isTrue();
        assertThat(ProofOfWork.solves(token, firstNonSolution(token, 12), 12)).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new ProofOfWork(new byte[8], clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String solve(String token, int difficulty) {
        for (long n = 0; ; n++) {
            if (ProofOfWork.solves(token, Long.toString(n), difficulty)) {
                return Long.toString(n);
            }
        }
    }

    private static String firstNonSolution(String token, int difficulty) {
        for (long n = 0; ; n++) {
            if (!ProofOfWork.solves(token, Long.toString(n), difficulty)) {
                return Long.toString(n);
            }
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
