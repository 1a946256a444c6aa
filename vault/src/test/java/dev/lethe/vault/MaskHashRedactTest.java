package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.support.VaultFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskHashRedactTest {
    private final VaultFixture fx = new VaultFixture();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "contact.email          | john.doe@example.com | j***@e***.com",
                "contact.email          | not-an-email         | n***",
                "financial.card         | 4242 4242 4242 4242  | **** **** **** 4242",
                "financial.card         | 4242424242424242     | ************4242",
                "contact.phone          | +44 20 7946 0958     | +** ** **** **58",
                "government_id.national | AB123456C            | *********",
                "identity.name          | Ana Souza            | A***"
            })
    void masksKeepJustEnoughToRecogniseAValue(String category, String value, String mask) {
        assertThat(fx.tokenize("cust-1", category, TokenKind.MASK, value)).isEqualTo(mask);
    }

    @Test
    void masksNeedNoKeys() {
        fx.tokenize("cust-1", "contact.email", TokenKind.MASK, "john@example.com");

        assertThat(fx.keys.size()).isZero();
    }

    @Test
    void hashesAreKeyedPerTenantStableAndIrreversible() {
        String hash = fx.tokenize("cust-1", "contact.email", TokenKind.HASH, "ana@example.com");
        String again = fx.tokenize("cust-2", "contact.email", TokenKind.HASH, "ana@example.com");
        String otherCategory = fx.tokenize("cust-1", "identity.name", TokenKind.HASH, "ana@example.com");
        String otherTenant = fx.vault
                .tokenize(new TokenizeRequest("globex", "cust-1", "contact.email", TokenKind.HASH, "ana@example.com"))
                .token();

        assertThat(hash)
                .startsWith("hsh_email_")
                .hasSize("hsh_email_".length() + 43)
                .isEqualTo(again);
        assertThat(otherCategory).isNotEqualTo(hash);
        assertThat(otherTenant).isNotEqualTo(hash);
        assertThatThrownBy(() -> fx.detokenize(hash))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not reversible");
    }

    @Test
    void redactionRemovesTheValue() {
        Tokenized redacted =
                fx.vault.tokenize(new TokenizeRequest("acme", "cust-1", "contact.email", TokenKind.REDACT, "x@y.z"));

        assertThat(redacted.redacted()).isTrue();
        assertThat(redacted.token()).isNull();
    }

    @Test
    void badInputNamesTheFieldAndNeverEchoesTheValue() {
        String longValue = "secret-" + "x".repeat(5000);
        assertThatThrownBy(() -> fx.deterministic("cust-1", "contact.email", longValue))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "value")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> fx.deterministic("cust-1", "no.such", "v"))
                .hasFieldOrPropertyWithValue("field", "category");
        assertThatThrownBy(() -> fx.tokenize("cust-1", "contact.email", null, "v"))
                .hasFieldOrPropertyWithValue("field", "kind");
        assertThatThrownBy(() -> fx.deterministic("cust-1", "contact.email", ""))
                .hasFieldOrPropertyWithValue("field", "value");
        assertThatThrownBy(() -> fx.deterministic(" ", "contact.email", "v"))
                .hasFieldOrPropertyWithValue("field", "subject");
        assertThat(new TokenizeRequest("acme", "cust-1", "contact.email", TokenKind.HASH, "secret-v").toString())
                .doesNotContain("secret")
                .doesNotContain("cust-1");
    }
}
