package dev.lethe.app.vault;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;

import dev.lethe.vault.KekVersionsInUse;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The audit chain's signing keys are wrapped by the vault's KMS too (table {@code audit_signing_key});
 * they are re-wrapped when the application starts, so until then a KEK rotation must not retire the
 * version that wraps them.
 */
@Component
class AuditSigningKeyVersions implements KekVersionsInUse {

    private final DSLContext dsl;

    AuditSigningKeyVersions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return Set.copyOf(dsl.selectDistinct(AUDIT_SIGNING_KEY.KEK_VERSION)
                .from(AUDIT_SIGNING_KEY)
                .fetch(AUDIT_SIGNING_KEY.KEK_VERSION));
    }
}
