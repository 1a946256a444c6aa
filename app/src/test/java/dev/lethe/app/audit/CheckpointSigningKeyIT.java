package dev.lethe.app.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit signing key across KEK rotations, on a KMS of its own (not the application's). */
class CheckpointSigningKeyIT extends AppIntegrationTest {

    @Autowired
    DSLContext dsl;

    @TempDir
    Path keys;

    @Test
    void theSigningKeyFollowsARotationAndIsReplacedWhenItsKekIsRetired() {
        var kms = LocalKms.open(keys.resolve("keyset.json"));
        // The newest key in the table is the application's, wrapped by another KMS: a new one is made.
        String first = new Ed25519CheckpointSigner(dsl, kms).keyId();

        int rotated = kms.rotate();
        var afterRotation = new Ed25519CheckpointSigner(dsl, kms);

        assertThat(afterRotation.keyId()).isEqualTo(first);
        assertThat(kekVersionOf(first)).isEqualTo(rotated);

        kms.rotate();
        kms.retire(rotated);
        var afterRetirement = new Ed25519CheckpointSigner(dsl, kms);

        assertThat(afterRetirement.keyId()).isNotEqualTo(first);
        assertThat(afterRetirement.sign(new byte[] {1, 2, 3})).hasSize(64);
    }

    private int kekVersionOf(String keyId) {
        return dsl.select(AUDIT_SIGNING_KEY.KEK_VERSION)
                .from(AUDIT_SIGNING_KEY)
                .where(AUDIT_SIGNING_KEY.KEY_ID.eq(keyId))
                .fetchSingle(AUDIT_SIGNING_KEY.KEK_VERSION);
    }
}
