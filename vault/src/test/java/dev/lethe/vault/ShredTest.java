package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.support.VaultFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShredTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void aTokenMintedBeforeTheShredIsUnreadableAfterIt() {
        String kept = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        assertThat(fx.detokenize(kept)).isEqualTo("ana@example.com");

        ShredResult result = fx.vault.shred("acme", "cust-42", "erasure-worker", "dsar-7");

        assertThat(result.outcome()).isEqualTo(ShredOutcome.SHREDDED);
        assertThatThrownBy(() -> fx.detokenize(kept)).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    void shreddingIsIdempotentAndAudited() {
        fx.deterministic("cust-42", "contact.email", "ana@example.com");

        ShredOutcome first = fx.vault.shred("acme", "cust-42", "dpo", "dsar-7").outcome();
        ShredOutcome second = fx.vault.shred("acme", "cust-42", "dpo", "dsar-7").outcome();
        ShredOutcome never =
                fx.vault.shred("acme", "cust-never", "dpo", "dsar-8").outcome();

        assertThat(List.of(first, second, never))
                .containsExactly(ShredOutcome.SHREDDED, ShredOutcome.ALREADY_SHREDDED, ShredOutcome.NO_KEY);
        assertThat(fx.audit.shredded).hasSize(3);
        var event = fx.audit.shredded.getFirst();
        assertThat(event.actor()).isEqualTo("dpo");
        assertThat(event.requestId()).isEqualTo("dsar-7");
        assertThat(event.toString()).doesNotContain("cust-42");
        var record = fx.keys.findShreds("acme", event.subject());
        assertThat(record).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("dpo");
            assertThat(r.requestId()).isEqualTo("dsar-7");
        });
    }

    @Test
    void tokenizingAgainCreatesANewUnlinkableKey() {
        String before = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        fx.vault.shred("acme", "cust-42", "dpo", "dsar-7");

        String after = fx.deterministic("cust-42", "contact.email", "ana@example.com");

        assertThat(after).isNotEqualTo(before);
        assertThat(fx.detokenize(after)).isEqualTo("ana@example.com");
        assertThatThrownBy(() -> fx.detokenize(before)).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    void shreddingOneSubjectLeavesOthersAndTenantLevelValuesReadable() {
        String other = fx.deterministic("cust-1", "contact.email", "bo@example.com");
        String noSubject = fx.deterministic(null, "contact.email", "info@example.com");
        fx.deterministic("cust-42", "contact.email", "ana@example.com");

        fx.vault.shred("acme", "cust-42", "dpo", "dsar-7");

        assertThat(fx.detokenize(other)).isEqualTo("bo@example.com");
        assertThat(fx.detokenize(noSubject)).isEqualTo("info@example.com");
    }

    @Test
    void formatPreservingTokensOfAShreddedSubjectAreErased() {
        String card = fx.tokenize("cust-42", "financial.card", TokenKind.FORMAT_PRESERVING, "4242424242424242");
        fx.vault.shred("acme", "cust-42", "dpo", "dsar-7");

        var outcome = fx.vault.detokenizeAll(
                VaultFixture.READER,
                DetokenizeRequest.single(
                        "acme", TokenRef.formatPreserving(card, "cust-42", "financial.card"), "export", "r"));

        assertThat(outcome).containsExactly(new DetokenizeOutcome.Erased());
    }

    @Test
    void theShreddedKeyIsGoneFromTheStoreAndFromTheCache() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        fx.detokenize(token); // now cached by id as well as by subject
        int storedBefore = fx.keys.size();

        fx.vault.shred("acme", "cust-42", "dpo", "dsar-7");

        assertThat(fx.keys.size()).isEqualTo(storedBefore - 1);
        assertThatThrownBy(() -> fx.detokenize(token)).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    void erasedOutcomeIsAuditedWithoutValues() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        fx.vault.shred("acme", "cust-42", "dpo", "dsar-7");

        var outcomes = fx.vault.detokenizeAll(
                VaultFixture.READER, DetokenizeRequest.single("acme", TokenRef.of(token), "export", "r-1"));

        assertThat(outcomes).containsExactly(new DetokenizeOutcome.Erased());
        assertThat(fx.audit.detokenized.getLast().accesses())
                .singleElement()
                .satisfies(a -> assertThat(a.erased()).isEqualTo(1));
    }
}
