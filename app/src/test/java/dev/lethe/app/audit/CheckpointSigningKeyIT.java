package dev.lethe.app.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit signing key at start-up, on a KMS of its own (not the application's), through the
 * application's database role: a KMS failure never silently replaces the key.
 */
class CheckpointSigningKeyIT extends AppIntegrationTest {

    @Autowired
    DSLContext dsl;

    @TempDir
    Path keys;

    LocalKms kms;
    String current;
    final List<Duration> pauses = new ArrayList<>();

    /** The application's KMS: the shared database's newest key goes back to it after each test. */
    @Autowired
    Kms applicationKms;

    /**
     * Another application context on the same database (a test class with other settings) loads the
     * newest key at start-up: leave one the application's KMS unwraps, by a deliberate replacement.
     */
    @AfterEach
    void theApplicationsKmsWrapsTheNewestKeyAgain() {
        new Ed25519CheckpointSigner(dsl, applicationKms, true);
    }

    /** Every test starts from a key of its own KMS as the newest one, made by a deliberate replacement. */
    @BeforeEach
    void aKeyOfThisTestsKms() {
        kms = LocalKms.open(keys.resolve("keyset.json"));
        current = new Ed25519CheckpointSigner(dsl, kms, true).keyId();
    }

    @Test
    void theSigningKeyFollowsAKekRotationThroughTheRewrapFunction() {
        int rotated = kms.rotate();

        var afterRotation = new Ed25519CheckpointSigner(dsl, kms, false);

        assertThat(afterRotation.keyId()).isEqualTo(current);
        assertThat(afterRotation.replacement()).isEmpty();
        assertThat(kekVersionOf(current)).isEqualTo(rotated);
    }

    @Test
    void aRetriableKmsFailureIsRetriedWithBackOffAndTheKeyIsKept() {
        var flaky = new FailingKms(kms, 2, true);

        var signer = new Ed25519CheckpointSigner(dsl, flaky, false, retry());

        assertThat(signer.keyId()).isEqualTo(current);
        assertThat(signer.sign(new byte[] {1, 2, 3})).hasSize(64);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(newestKeyId()).isEqualTo(current);
    }

    @Test
    void aKmsThatStaysAwayStopsStartUpNamingItAndTheKey() {
        var away = new FailingKms(kms, Integer.MAX_VALUE, true);

        assertThatThrownBy(() -> new Ed25519CheckpointSigner(dsl, away, false, retry()))
                .isInstanceOf(Ed25519CheckpointSigner.SigningKeyUnavailableException.class)
                .hasMessageContaining("audit signing key " + current)
                .hasMessageContaining("could not be unwrapped by the KMS 'failing-test-kms'")
                .hasMessageContaining("4 times with a retriable error")
                .hasMessageNotContaining("lethe.audit.signing-key.replace");
        assertThat(pauses).hasSize(3);
        assertThat(newestKeyId()).isEqualTo(current);
    }

    @Test
    void aPermanentKmsFailureRefusesToStartAndTellsHowToReplaceTheKeyDeliberately() {
        int wrapping = kekVersionOf(current);
        kms.rotate();
        kms.retire(wrapping);

        assertThatThrownBy(() -> new Ed25519CheckpointSigner(dsl, kms, false, retry()))
                .isInstanceOf(Ed25519CheckpointSigner.SigningKeyUnavailableException.class)
                .hasMessageContaining("could not be unwrapped by the KMS 'local': a permanent failure")
                .hasMessageContaining("lethe.audit.signing-key.replace=true");
        assertThat(pauses).isEmpty();
        assertThat(newestKeyId()).isEqualTo(current);
    }

    @Test
    void aDeliberateReplacementIsRecordedInTheAuditChainWithBothKeyIds() {
        var lostTheOldKey = new FailingKms(kms, Integer.MAX_VALUE, false);
        var replaced = new Ed25519CheckpointSigner(dsl, lostTheOldKey, true, retry());

        assertThat(replaced.keyId()).isNotEqualTo(current);
        var replacement = replaced.replacement().orElseThrow();
        assertThat(replacement.oldKeyId()).isEqualTo(current);
        assertThat(replacement.newKeyId()).isEqualTo(replaced.keyId());

        AuditEntry recorded = replacement.record(new AuditTrail(dsl, replaced, 100));

        var found = as(
                Tenant.DEFAULT_ID,
                () -> new AuditTrail(dsl, replaced, 100)
                        .page(
                                Tenant.DEFAULT_ID,
                                new AuditQuery(null, null, null, "audit.signing_key.replaced", null, null, 10)));
        assertThat(found).extracting(AuditEntry::seq).contains(recorded.seq());
        assertThat(recorded.details())
                .containsEntry("oldKeyId", current)
                .containsEntry("newKeyId", replaced.keyId())
                .containsEntry("kms", "failing-test-kms")
                .containsEntry(
                        "reason",
                        "requested by the operator; the old key could not be unwrapped (permanent KMS failure)");
    }

    private Ed25519CheckpointSigner.Retry retry() {
        return new Ed25519CheckpointSigner.Retry(4, Duration.ofMillis(100), pauses::add);
    }

    private String newestKeyId() {
        return dsl.select(AUDIT_SIGNING_KEY.KEY_ID)
                .from(AUDIT_SIGNING_KEY)
                .orderBy(AUDIT_SIGNING_KEY.CREATED_AT.desc())
                .limit(1)
                .fetchSingle(AUDIT_SIGNING_KEY.KEY_ID);
    }

    private int kekVersionOf(String keyId) {
        return dsl.select(AUDIT_SIGNING_KEY.KEK_VERSION)
                .from(AUDIT_SIGNING_KEY)
                .where(AUDIT_SIGNING_KEY.KEY_ID.eq(keyId))
                .fetchSingle(AUDIT_SIGNING_KEY.KEK_VERSION);
    }

    /** A KMS whose unwraps fail {@code failures} times (retriable or not), then work. */
    static final class FailingKms implements Kms {
        private final Kms delegate;
        private final boolean retriable;
        private int failures;

        FailingKms(Kms delegate, int failures, boolean retriable) {
            this.delegate = delegate;
            this.failures = failures;
            this.retriable = retriable;
        }

        @Override
        public String name() {
            return "failing-test-kms";
        }

        @Override
        public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
            return delegate.wrap(dataKey, associatedData);
        }

        @Override
        public synchronized byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
            if (failures > 0) {
                failures--;
                throw new KmsException(retriable ? "timed out" : "access denied", retriable);
            }
            return delegate.unwrap(wrapped, associatedData);
        }

        @Override
        public int primaryVersion() {
            return delegate.primaryVersion();
        }

        @Override
        public SortedSet<Integer> activeVersions() {
            return delegate.activeVersions();
        }

        @Override
        public int rotate() {
            return delegate.rotate();
        }

        @Override
        public void retire(int version) {
            delegate.retire(version);
        }
    }
}
