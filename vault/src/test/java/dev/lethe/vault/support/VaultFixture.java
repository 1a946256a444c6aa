package dev.lethe.vault.support;

import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.Principal;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.VaultPermissions;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.keys.KeyRepository;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A vault over an in-memory KMS and key store, with helpers for the common calls. */
public final class VaultFixture {
    public static final String TENANT = "acme";
    public static final Principal READER = new Principal("dpo-1", Set.of(VaultPermissions.DETOKENIZE));

    public final MemoryKms kms = new MemoryKms();
    public final InMemoryKeyRepository keys = new InMemoryKeyRepository();
    public final RecordingAudit audit = new RecordingAudit();
    public final Vault vault;

    public VaultFixture() {
        this(new VaultBuilder());
    }

    public VaultFixture(VaultBuilder builder) {
        this(builder, UnaryOperator.identity());
    }

    /** A vault that reaches {@link #keys} through {@code storeAsSeen}, for tests that interfere with reads. */
    public VaultFixture(VaultBuilder builder, UnaryOperator<KeyRepository> storeAsSeen) {
        vault = builder.kms(kms)
                .keyRepository(storeAsSeen.apply(keys))
                .audit(audit)
                .build();
    }

    public String tokenize(String subject, String category, TokenKind kind, String value) {
        return vault.tokenize(new TokenizeRequest(TENANT, subject, category, kind, value))
                .token();
    }

    public String deterministic(String subject, String category, String value) {
        return tokenize(subject, category, TokenKind.DETERMINISTIC, value);
    }

    public String detokenize(String token) {
        return vault.detokenize(READER, DetokenizeRequest.single(TENANT, TokenRef.of(token), "dsar-export", "req-1"));
    }
}
