package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.support.VaultFixture;
import org.junit.jupiter.api.Test;

class FormatPreservingTokenTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void cardNumbersKeepLengthLayoutAndLastFour() {
        String token = fpe("cust-42", "financial.card", "4242 4242 4242 4242");

        assertThat(token).matches("\\d{4} \\d{4} \\d{4} 4242").isNotEqualTo("4242 4242 4242 4242");
        assertThat(fpe("cust-42", "financial.card", "4242 4242 4242 4242")).isEqualTo(token);
        assertThat(reveal("cust-42", "financial.card", token)).isEqualTo("4242 4242 4242 4242");
    }

    @Test
    void cardsWithoutKeptDigitsChangeEveryDigitPosition() {
        var catalog = CategoryCatalog.defaults().with(new Category("financial.card", "card", ValueFormat.CARD, 0));
        VaultFixture strict = new VaultFixture(new VaultBuilder().categories(catalog));
        String token = strict.tokenize("cust-42", "financial.card", TokenKind.FORMAT_PRESERVING, "4111111111111111");

        assertThat(token).hasSize(16).containsOnlyDigits().doesNotEndWith("1111");
    }

    @Test
    void phoneNumbersKeepPlusAndSeparators() {
        String token = fpe("cust-42", "contact.phone", "+44 (20) 7946-0958");

        assertThat(token).matches("\\+\\d{2} \\(\\d{2}\\) \\d{4}-\\d{4}");
        assertThat(reveal("cust-42", "contact.phone", token)).isEqualTo("+44 (20) 7946-0958");
    }

    @Test
    void nationalIdsKeepLettersAndSeparatorsInPlace() {
        String nino = fpe("cust-42", "government_id.national", "AB 12 34 56 C");
        String ssn = fpe("cust-42", "government_id.national", "123-45-6789");

        assertThat(nino).matches("AB \\d{2} \\d{2} \\d{2} C");
        assertThat(ssn).matches("\\d{3}-\\d{2}-\\d{4}");
        assertThat(reveal("cust-42", "government_id.national", nino)).isEqualTo("AB 12 34 56 C");
        assertThat(reveal("cust-42", "government_id.national", ssn)).isEqualTo("123-45-6789");
    }

    @Test
    void subjectsGetDifferentTokensForTheSameValue() {
        assertThat(fpe("cust-1", "financial.card", "4242424242424242"))
                .isNotEqualTo(fpe("cust-2", "financial.card", "4242424242424242"));
    }

    @Test
    void valuesWithTooFewDigitsOrNonDigitCategoriesAreRejected() {
        assertThatThrownBy(() -> fpe("cust-1", "contact.phone", "12345"))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "value");
        assertThatThrownBy(() -> fpe("cust-1", "contact.email", "a@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "kind");
    }

    private String fpe(String subject, String category, String value) {
        return fx.tokenize(subject, category, TokenKind.FORMAT_PRESERVING, value);
    }

    private String reveal(String subject, String category, String token) {
        return fx.vault.detokenize(
                VaultFixture.READER,
                DetokenizeRequest.single(
                        "acme", TokenRef.formatPreserving(token, subject, category), "fraud-review", "req-1"));
    }
}
