package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import dev.lethe.vault.support.MigratedDatabase;
import dev.lethe.vault.support.RecordingAudit;
import dev.lethe.vault.support.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several KEK rotations in a row with Vault transit's retirement rule ({@code min_decryption_version},
 * modelled by {@link FakeVaultTransit}) and the vault's keys on the real PostgreSQL, while a key wrapped
 * outside the key store stays under version 1 (the audit signing key until the next start).
 * {@code VaultTransitContainerIT} does the same against a real Vault server with {@code -Pcontainers}.
 */
@ExtendWith(LocalServicesExtension.class)
class VaultTransitOnPostgresIT {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNING_AD = "lethe-audit/v1/signing-key/1".getBytes(StandardCharsets.US_ASCII);

    static DSLContext dsl;

    private final FakeVaultTransit server;
    private final VaultTransitKms kms;

    VaultTransitOnPostgresIT() throws Exception {
        server = new FakeVaultTransit();
        kms = new VaultTransitKms(new VaultTransitSettings(
                server.address(), "transit", "lethe", FakeVaultTransit.TOKEN, null, Duration.ofSeconds(10)));
    }

    @BeforeAll
    static void migrate() {
        dsl = DSL.using(MigratedDatabase.create("vault_transit_pg"), SQLDialect.POSTGRES);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void threeRotationsKeepEveryKeyStillUsedReadableAndThenRetireWhatNobodyUses() {
        AtomicReference<WrappedDek> signingKey = new AtomicReference<>(kms.wrap(SECRET, SIGNING_AD));
        PostgresKeyRepository keys = new PostgresKeyRepository(dsl);
        Vault vault = vault(keys, () -> Set.of(signingKey.get().kekVersion()));
        String tenant = "t-" + UUID.randomUUID();
        List<String> tokens = new ArrayList<>();
        List<KekRotation.RotationReport> reports = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            tokens.add(tokenize(vault, tenant, "cust-" + round, "user" + round + "@example.com"));
            reports.add(vault.kekRotation().rotateNow(2));
        }

        assertThat(reports).allSatisfy(r -> assertThat(r.retired()).isEmpty());
        assertThat(kms.activeVersions()).containsExactly(1, 2, 3, 4);
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(SECRET);
        assertThat(keys.countByKekVersion()).containsOnlyKeys(4);

        WrappedDek old = signingKey.get();
        signingKey.set(kms.rewrap(old, SIGNING_AD));
        KekRotation.RotationReport next = vault.kekRotation().rotateNow(2);

        assertThat(next.retired()).as("the signing key is under 4 now").containsExactly(1, 2, 3);
        assertThat(kms.activeVersions()).containsExactly(4, 5);
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(SECRET);
        assertThatThrownBy(() -> kms.unwrap(old, SIGNING_AD)).isInstanceOf(KmsException.class);
        Vault cold = vault(keys, Set::of);
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(cold.detokenize(
                            VaultFixture.READER,
                            DetokenizeRequest.single(tenant, TokenRef.of(tokens.get(i)), "export", "r")))
                    .isEqualTo("user" + i + "@example.com");
        }
    }

    private Vault vault(PostgresKeyRepository keys, Supplier<Set<Integer>> elsewhere) {
        return new VaultBuilder()
                .kms(kms)
                .keyRepository(keys)
                .audit(new RecordingAudit())
                .kekVersionsUsedElsewhere(elsewhere)
                .build();
    }

    private static String tokenize(Vault on, String tenant, String subject, String value) {
        return on.tokenize(new TokenizeRequest(tenant, subject, "contact.email", TokenKind.DETERMINISTIC, value))
                .token();
    }
}
