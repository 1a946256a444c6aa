package dev.lethe.vault.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.Principal;
import dev.lethe.vault.ShredOutcome;
import dev.lethe.vault.SubjectErasedException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.VaultPermissions;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.support.MigratedDatabase;
import dev.lethe.vault.support.RecordingAudit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole vault on the PostgreSQL key store and the local KMS: first use, shredding, rotation. */
@ExtendWith(LocalServicesExtension.class)
class VaultOnPostgresIT {
    private static final Principal READER = new Principal("dpo-1", Set.of(VaultPermissions.DETOKENIZE));

    static DSLContext dsl;

    @TempDir
    Path kmsDir;

    LocalKms kms;
    PostgresKeyRepository repository;
    Vault vault;
    String tenant;

    @BeforeAll
    static void migrate() {
        dsl = DSL.using(MigratedDatabase.create("vault_e2e"), SQLDialect.POSTGRES);
    }

    @BeforeEach
    void newVault() {
        kms = LocalKms.open(kmsDir.resolve("kms/keyset.json"));
        repository = new PostgresKeyRepository(dsl);
        vault = newVaultInstance();
        tenant = "t-" + System.nanoTime();
    }

    /** Another process on the same database and KMS: its own cache. */
    private Vault newVaultInstance() {
        return new VaultBuilder()
                .kms(kms)
                .keyRepository(repository)
                .audit(new RecordingAudit())
                .build();
    }

    @Test
    void twoProcessesTokenizingANewSubjectAtOnceEndWithOneKey() throws Exception {
        Vault other = newVaultInstance();
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        AtomicInteger turn = new AtomicInteger();

        PostgresKeyRepositoryIT.race(2, () -> {
            Vault mine = turn.getAndIncrement() == 0 ? vault : other;
            return tokens.add(tokenize(mine, "cust-42", "ana@example.com"));
        });

        assertThat(tokens).hasSize(1);
        assertThat(dsl.fetchCount(
                        VaultTables.KEY, VaultTables.KEY_TENANT.eq(tenant).and(VaultTables.KEY_SCOPE.eq("SUBJECT"))))
                .isEqualTo(1);
        assertThat(detokenize(other, tokens.iterator().next())).isEqualTo("ana@example.com");
    }

    @Test
    void shreddingMakesEarlierTokensUnreadableEvenInAnotherProcess() {
        String kept = tokenize(vault, "cust-7", "bo@example.com");
        Vault fresh = newVaultInstance();

        assertThat(vault.shred(tenant, "cust-7", "dpo-1", "req-9").outcome()).isEqualTo(ShredOutcome.SHREDDED);
        assertThat(vault.shred(tenant, "cust-7", "dpo-1", "req-9").outcome()).isEqualTo(ShredOutcome.ALREADY_SHREDDED);

        assertThatThrownBy(() -> detokenize(vault, kept)).isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> detokenize(fresh, kept)).isInstanceOf(SubjectErasedException.class);
        String again = tokenize(vault, "cust-7", "bo@example.com");
        assertThat(again).isNotEqualTo(kept);
        assertThat(detokenize(fresh, again)).isEqualTo("bo@example.com");
        assertThat(dsl.fetchCount(VaultTables.SHRED, VaultTables.SHRED_TENANT.eq(tenant)))
                .isEqualTo(1);
    }

    @Test
    void rotationReWrapsStoredKeysWhileTokensStayReadable() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(tokenize(vault, "cust-" + i, "user" + i + "@example.com"));
        }
        int before = kms.primaryVersion();
        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (rotating.get()) {
                    int i = reads.getAndIncrement() % tokens.size();
                    assertThat(detokenize(vault, tokens.get(i))).isEqualTo("user" + i + "@example.com");
                    tokenize(vault, "new-" + reads.get(), "x@example.com");
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });

        var report = vault.kekRotation().rotateNow(7);
        rotating.set(false);
        reader.join();

        assertThat(failure.get()).isNull();
        assertThat(report.newVersion()).isNotEqualTo(before);
        assertThat(report.retired()).contains(before);
        assertThat(repository.countByKekVersion()).containsOnlyKeys(report.newVersion());
        assertThat(reads.get()).isPositive();
        Vault cold = newVaultInstance();
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(detokenize(cold, tokens.get(i))).isEqualTo("user" + i + "@example.com");
        }
        assertThat(kms.primaryVersion()).isEqualTo(report.newVersion());
    }

    private String tokenize(Vault on, String subject, String value) {
        return on.tokenize(new TokenizeRequest(tenant, subject, "contact.email", TokenKind.DETERMINISTIC, value))
                .token();
    }

    private String detokenize(Vault on, String token) {
        return on.detokenize(READER, DetokenizeRequest.single(tenant, TokenRef.of(token), "dsar-export", "req-1"));
    }
}
