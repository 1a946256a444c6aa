package dev.lethe.vault.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.Principal;
import dev.lethe.vault.ShredOutcome;
import dev.lethe.vault.SubjectErasedException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.VaultPermissions;
import dev.lethe.vault.keys.KeyCursor;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.support.MigratedDatabase;
import dev.lethe.vault.support.RecordingAudit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    void rotationReWrapsStoredKeysWhileReadersAndWritersKeepWorking() throws Exception {
        // Caches that expire at every read: every detokenization unwraps from the table, racing the re-wrap.
        AtomicLong clock = new AtomicLong();
        Vault busy = new VaultBuilder()
                .kms(kms)
                .keyRepository(repository)
                .audit(new RecordingAudit())
                .cacheMaxKeys(4)
                .nanoTime(() -> clock.addAndGet(Duration.ofMinutes(10).toNanos()))
                .build();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (int i = 0; i < 40; i++) {
            tokens.put(tokenize(busy, "cust-" + i, "user" + i + "@example.com"), "user" + i + "@example.com");
        }
        List<String> minted = List.copyOf(tokens.keySet());
        int before = kms.primaryVersion();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong operations = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            boolean writer = w % 2 == 0;
            int worker = w;
            workers.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (running.get()) {
                    try {
                        if (writer) {
                            String value = "new-" + worker + "-" + n + "@example.com";
                            tokens.put(tokenize(busy, "new-" + worker + "-" + n, value), value);
                        } else {
                            String token =
                                    minted.get(ThreadLocalRandom.current().nextInt(minted.size()));
                            if (!detokenize(busy, token).equals(tokens.get(token))) {
                                failures.add(new AssertionError("a token read back a wrong value"));
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    n++;
                    operations.incrementAndGet();
                }
            }));
        }

        KekRotation rotation = busy.kekRotation();
        int primary = rotation.rotate();
        long rewrapped = 0;
        int batches = 0;
        for (int sweep = 0; sweep < 3; sweep++) {
            Optional<KeyCursor> cursor = Optional.empty();
            do {
                // Each batch waits for the workers to get on, so reads and writes interleave with it.
                awaitMoreOperations(operations, 20);
                KekRotation.RewrapProgress progress = rotation.rewrapBatch(cursor.orElse(null), 7);
                rewrapped += progress.rewrapped();
                batches++;
                cursor = progress.next();
            } while (cursor.isPresent());
        }
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        SortedSet<Integer> retired = rotation.retireUnused();

        assertThat(failures).isEmpty();
        assertThat(batches).isGreaterThan(3);
        assertThat(rewrapped).isGreaterThanOrEqualTo(41);
        assertThat(retired).contains(before);
        assertThat(repository.countByKekVersion()).containsOnlyKeys(primary);
        assertThat(kms.activeVersions()).containsExactly(primary);
        Vault cold = newVaultInstance();
        assertThat(tokens).hasSizeGreaterThan(minted.size());
        tokens.forEach((token, value) -> assertThat(detokenize(cold, token)).isEqualTo(value));
    }

    private static void awaitMoreOperations(AtomicLong operations, long more) {
        long target = operations.get() + more;
        Eventually.require("workers progressing", operations::get, n -> n >= target, Duration.ofSeconds(30));
    }

    private String tokenize(Vault on, String subject, String value) {
        return on.tokenize(new TokenizeRequest(tenant, subject, "contact.email", TokenKind.DETERMINISTIC, value))
                .token();
    }

    private String detokenize(Vault on, String token) {
        return on.detokenize(READER, DetokenizeRequest.single(tenant, TokenRef.of(token), "dsar-export", "req-1"));
    }
}
