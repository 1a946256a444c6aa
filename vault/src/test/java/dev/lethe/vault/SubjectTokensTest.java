package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.support.VaultFixture;
import org.junit.jupiter.api.Test;

class SubjectTokensTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void aSubjectsHandleMintsTheSameTokensAsSingleCalls() {
        SubjectTokens tokens = fx.vault.tokensFor(VaultFixture.TENANT, "cust-42");

        assertThat(tokens.tokenize("contact.email", TokenKind.DETERMINISTIC, "ana@example.com")
                        .token())
                .isEqualTo(fx.deterministic("cust-42", "contact.email", "ana@example.com"));
        assertThat(tokens.tokenize("identity.name", TokenKind.DETERMINISTIC, "Ana Lopez")
                        .token())
                .isEqualTo(fx.deterministic("cust-42", "identity.name", "Ana Lopez"));
        assertThat(tokens.tokenize("financial.card", TokenKind.FORMAT_PRESERVING, "4242424242424242")
                        .token())
                .isEqualTo(fx.tokenize("cust-42", "financial.card", TokenKind.FORMAT_PRESERVING, "4242424242424242"));
        assertThat(tokens.tokenize("contact.email", TokenKind.HASH, "ana@example.com")
                        .token())
                .isEqualTo(fx.tokenize("cust-42", "contact.email", TokenKind.HASH, "ana@example.com"));
        assertThat(tokens.tokenize("contact.email", TokenKind.REDACT, "ana@example.com")
                        .redacted())
                .isTrue();
        assertThat(tokens.subjectHash()).isEqualTo(fx.vault.subjectHash(VaultFixture.TENANT, "cust-42"));
    }

    @Test
    void tokensOfOneSubjectStayUnlinkableAcrossCategoriesAndReadable() {
        SubjectTokens tokens = fx.vault.tokensFor(VaultFixture.TENANT, "cust-42");

        String email = tokens.tokenize("contact.email", TokenKind.DETERMINISTIC, "same")
                .token();
        String name = tokens.tokenize("identity.name", TokenKind.DETERMINISTIC, "same")
                .token();

        // The headers (key reference under the tenant key) differ per category, cached or not.
        assertThat(payload(email).substring(0, 40)).isNotEqualTo(payload(name).substring(0, 40));
        assertThat(fx.detokenize(email)).isEqualTo("same");
        assertThat(fx.detokenize(name)).isEqualTo("same");
    }

    @Test
    void aHandleTakenAfterAShredUsesTheNewKey() {
        String before = fx.vault
                .tokensFor(VaultFixture.TENANT, "cust-42")
                .tokenize("contact.email", TokenKind.DETERMINISTIC, "ana@example.com")
                .token();

        fx.vault.shred(VaultFixture.TENANT, "cust-42", "dpo", "dsar-7");
        String after = fx.vault
                .tokensFor(VaultFixture.TENANT, "cust-42")
                .tokenize("contact.email", TokenKind.DETERMINISTIC, "ana@example.com")
                .token();

        assertThat(after).isNotEqualTo(before);
        // Not even the header is shared: it names the new key, not the shredded one.
        assertThat(payload(after).substring(0, 40)).isNotEqualTo(payload(before).substring(0, 40));
        assertThat(fx.detokenize(after)).isEqualTo("ana@example.com");
        assertThatThrownBy(() -> fx.detokenize(before)).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    void valuesWithoutASubjectAreUnderTheTenantKey() {
        SubjectTokens tokens = fx.vault.tokensFor(VaultFixture.TENANT, null);

        String token = tokens.tokenize("contact.email", TokenKind.DETERMINISTIC, "info@example.com")
                .token();

        assertThat(token).isEqualTo(fx.deterministic(null, "contact.email", "info@example.com"));
        assertThatThrownBy(tokens::subjectHash).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void badInputFailsPerCallLikeSingleCalls() {
        SubjectTokens blank = fx.vault.tokensFor(VaultFixture.TENANT, " ");
        SubjectTokens fine = fx.vault.tokensFor(VaultFixture.TENANT, "cust-42");

        assertThatThrownBy(() -> blank.tokenize("contact.email", TokenKind.DETERMINISTIC, "a@example.com"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fine.tokenize("no.such.category", TokenKind.DETERMINISTIC, "x"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fine.tokenize("contact.email", TokenKind.DETERMINISTIC, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThat(fine.tokenize("contact.email", TokenKind.DETERMINISTIC, "a@example.com")
                        .token())
                .startsWith("tok_email_");
    }

    private static String payload(String token) {
        return token.split("_", 3)[2]; // kind_label_payload; the payload itself may hold '_'
    }
}
