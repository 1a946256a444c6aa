package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.audit.TokenAccess;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.support.RecordingAudit;
import dev.lethe.vault.support.VaultFixture;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DetokenizePermissionTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void detokenizingNeedsThePermissionAndTheRefusalIsAudited() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        Principal analyst = new Principal("analyst-1", Set.of("catalog:read"));

        assertThatThrownBy(() -> fx.vault.detokenize(analyst, request(token, "curiosity")))
                .isInstanceOf(PermissionDeniedException.class);

        assertThat(fx.audit.denied).singleElement().satisfies(d -> {
            assertThat(d.actor()).isEqualTo("analyst-1");
            assertThat(d.purpose()).isEqualTo("curiosity");
            assertThat(d.missingPermission()).isEqualTo("vault:detokenize:contact.email");
        });
        assertThat(fx.audit.detokenized).isEmpty();
    }

    @Test
    void aPermissionCanBeLimitedToOneCategory() {
        String email = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        String phone = fx.deterministic("cust-42", "contact.phone", "+4420794609");
        Principal support = new Principal("support-1", Set.of(VaultPermissions.detokenize("contact.email")));

        assertThat(fx.vault.detokenize(support, request(email, "support-ticket")))
                .isEqualTo("ana@example.com");
        assertThatThrownBy(() -> fx.vault.detokenize(support, request(phone, "support-ticket")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aPurposeAndARequestIdAreRequired() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");

        assertThatThrownBy(() -> fx.vault.detokenize(VaultFixture.READER, request(token, null)))
                .hasFieldOrPropertyWithValue("field", "purpose");
        assertThatThrownBy(() -> fx.vault.detokenize(VaultFixture.READER, request(token, "has spaces")))
                .hasFieldOrPropertyWithValue("field", "purpose");
        assertThatThrownBy(() -> fx.vault.detokenize(
                        VaultFixture.READER, DetokenizeRequest.single("acme", TokenRef.of(token), "p", " ")))
                .hasFieldOrPropertyWithValue("field", "requestId");
    }

    @Test
    void everyCallIsAuditedWithKindCategoryAndPurposeButNoValues() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");

        fx.vault.detokenize(VaultFixture.READER, request(token, "dsar-export"));

        TokensDetokenized event = fx.audit.detokenized.getFirst();
        assertThat(event.actor()).isEqualTo("dpo-1");
        assertThat(event.purpose()).isEqualTo("dsar-export");
        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.accesses()).containsExactly(new TokenAccess(TokenKind.DETERMINISTIC, "contact.email", 1, 0));
        assertThat(event.toString()).doesNotContain("ana").doesNotContain(token).doesNotContain("cust-42");
    }

    @Test
    void aBatchIsOneAuditedCallWithAnOutcomePerToken() {
        String a = fx.deterministic("cust-1", "contact.email", "a@example.com");
        String b = fx.deterministic("cust-2", "contact.email", "b@example.com");
        String card = fx.tokenize("cust-2", "financial.card", TokenKind.FORMAT_PRESERVING, "4242424242424242");
        fx.vault.shred("acme", "cust-1", "dpo", "dsar-1");

        List<DetokenizeOutcome> outcomes = fx.vault.detokenizeAll(
                VaultFixture.READER,
                new DetokenizeRequest(
                        "acme",
                        "dsar-export",
                        "req-2",
                        List.of(
                                TokenRef.of(a),
                                TokenRef.of(b),
                                TokenRef.of("garbage"),
                                TokenRef.formatPreserving(card, "cust-2", "financial.card"))));

        assertThat(outcomes)
                .containsExactly(
                        new DetokenizeOutcome.Erased(),
                        new DetokenizeOutcome.Revealed("b@example.com"),
                        new DetokenizeOutcome.Rejected(
                                "token", "not a vault token; format-preserving tokens need a category"),
                        new DetokenizeOutcome.Revealed("4242424242424242"));
        assertThat(fx.audit.detokenized)
                .singleElement()
                .satisfies(e -> assertThat(e.accesses())
                        .containsExactly(
                                new TokenAccess(TokenKind.DETERMINISTIC, "contact.email", 1, 1),
                                new TokenAccess(TokenKind.FORMAT_PRESERVING, "financial.card", 1, 0)));
    }

    @Test
    void batchesAreBounded() {
        VaultFixture small = new VaultFixture(new VaultBuilder().maxBatch(2));
        List<TokenRef> three = List.of(TokenRef.of("a"), TokenRef.of("b"), TokenRef.of("c"));

        assertThatThrownBy(() -> small.vault.detokenizeAll(
                        VaultFixture.READER, new DetokenizeRequest("acme", "export", "r", three)))
                .hasFieldOrPropertyWithValue("field", "tokens");
    }

    @Test
    void whenTheAuditFailsNoValueIsRevealed() {
        var kms = new dev.lethe.vault.support.MemoryKms();
        Vault vault = new VaultBuilder()
                .kms(kms)
                .keyRepository(new dev.lethe.vault.keys.InMemoryKeyRepository())
                .audit(new VaultAudit() {
                    @Override
                    public void detokenized(TokensDetokenized event) {
                        throw new IllegalStateException("audit chain unavailable");
                    }

                    @Override
                    public void detokenizationDenied(dev.lethe.vault.audit.DetokenizationDenied event) {}

                    @Override
                    public void shredded(dev.lethe.vault.audit.SubjectShredded event) {}
                })
                .build();
        String token = vault.tokenize(new TokenizeRequest(
                        "acme", "cust-1", "contact.email", TokenKind.DETERMINISTIC, "a@example.com"))
                .token();

        assertThatThrownBy(() -> vault.detokenize(VaultFixture.READER, request(token, "export")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("a@example.com");
    }

    @Test
    void whenTheAuditFailsABatchRevealsNothingEitherAndTheKeysStayUsable() {
        AtomicBoolean auditDown = new AtomicBoolean(true);
        RecordingAudit recorded = new RecordingAudit();
        Vault vault = new VaultBuilder()
                .kms(new dev.lethe.vault.support.MemoryKms())
                .keyRepository(new dev.lethe.vault.keys.InMemoryKeyRepository())
                .audit(new VaultAudit() {
                    @Override
                    public void detokenized(TokensDetokenized event) {
                        if (auditDown.get()) {
                            throw new IllegalStateException("audit chain unavailable");
                        }
                        recorded.detokenized(event);
                    }

                    @Override
                    public void detokenizationDenied(dev.lethe.vault.audit.DetokenizationDenied event) {}

                    @Override
                    public void shredded(dev.lethe.vault.audit.SubjectShredded event) {}
                })
                .build();
        List<TokenRef> tokens = List.of(
                TokenRef.of(vault.tokenize(new TokenizeRequest(
                                "acme", "cust-1", "contact.email", TokenKind.DETERMINISTIC, "a@example.com"))
                        .token()),
                TokenRef.of(vault.tokenize(new TokenizeRequest(
                                "acme", "cust-2", "contact.email", TokenKind.DETERMINISTIC, "b@example.com"))
                        .token()));
        DetokenizeRequest batch = new DetokenizeRequest("acme", "export", "req-2", tokens);

        assertThatThrownBy(() -> vault.detokenizeAll(VaultFixture.READER, batch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("a@example.com")
                .hasMessageNotContaining("b@example.com");
        assertThat(recorded.detokenized).isEmpty();

        auditDown.set(false);

        assertThat(vault.detokenizeAll(VaultFixture.READER, batch))
                .containsExactly(
                        new DetokenizeOutcome.Revealed("a@example.com"),
                        new DetokenizeOutcome.Revealed("b@example.com"));
        assertThat(recorded.detokenized).singleElement();
    }

    private static DetokenizeRequest request(String token, String purpose) {
        return DetokenizeRequest.single("acme", TokenRef.of(token), purpose, "req-1");
    }
}
