package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import java.sql.Statement;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit chain's evidence in the database (entries, checkpoints, signing keys, shred records)
 * can't be edited, removed or truncated by the application's role, and where a trigger says so, not
 * by the owner either.
 */
class AuditEvidenceProtectionIT extends AppIntegrationTest {

    /** The application's role, lethe_app. */
    @Autowired
    DSLContext dsl;

    DSLContext owner = owner();

    @Test
    void theApplicationRoleCannotChangeOrRemoveAPublicSigningKey() {
        String keyId = (String) owner.fetchValue("select key_id from audit_signing_key limit 1");

        assertThatThrownBy(() -> dsl.execute(
                        "update audit_signing_key set public_key = ? where key_id = ?", new byte[] {1, 2, 3}, keyId))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> dsl.execute("delete from audit_signing_key where key_id = ?", keyId))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void noOneChangesOrRemovesAPublicSigningKeyNotEvenTheOwner() {
        String keyId = (String) owner.fetchValue("select key_id from audit_signing_key limit 1");

        assertThatThrownBy(() ->
                        rolledBack("update audit_signing_key set public_key = '\\x01' where key_id = '" + keyId + "'"))
                .rootCause()
                .hasMessageContaining("audit_signing_key keeps every public key");
        assertThatThrownBy(() -> rolledBack("delete from audit_signing_key where key_id = '" + keyId + "'"))
                .rootCause()
                .hasMessageContaining("audit_signing_key keeps every public key");
    }

    @Test
    void truncateIsRefusedToTheApplicationRoleOnTheAuditAndShredTables() {
        for (String table : List.of(
                "audit_entry", "audit_checkpoint", "audit_signing_key", "audit_checkpoint_anchor", "vault_shred")) {
            assertThatThrownBy(() -> dsl.execute("truncate " + table))
                    .as(table)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void truncateIsRefusedToTheOwnerWhereATriggerGuardsTheTable() {
        for (String table : List.of("audit_entry", "audit_checkpoint", "audit_signing_key", "vault_shred")) {
            assertThatThrownBy(() -> rolledBack("truncate " + table))
                    .as(table)
                    .rootCause()
                    .hasMessageContaining(table + " is append-only: TRUNCATE is not allowed");
        }
    }

    /** Runs as the owner and rolls back whatever happened, so a missing guard can't wipe the shared tables. */
    private void rolledBack(String sql) {
        owner.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        });
    }
}
