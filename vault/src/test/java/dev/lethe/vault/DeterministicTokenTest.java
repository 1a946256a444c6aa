package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.support.VaultFixture;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeterministicTokenTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void sameValueSubjectAndCategoryGiveTheSameRecognizableToken() {
        String first = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        String second = fx.deterministic("cust-42", "contact.email", "ana@example.com");

        assertThat(first).isEqualTo(second).startsWith("tok_email_").matches("[A-Za-z0-9_-]+");
        assertThat(first).doesNotContain("ana").doesNotContain("example");
    }

    @Test
    void tokensAreReversibleThroughTheVault() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");

        assertThat(fx.detokenize(token)).isEqualTo("ana@example.com");
    }

    @Test
    void unicodeValuesRoundTrip() {
        String token = fx.deterministic("cust-42", "identity.name", "Zoë Łukasiewicz-Ñúñez 山田");

        assertThat(token).startsWith("tok_name_");
        assertThat(fx.detokenize(token)).isEqualTo("Zoë Łukasiewicz-Ñúñez 山田");
    }

    @Test
    void categoriesDoNotShareTokensOrVisibleKeyIds() {
        String email = fx.deterministic("cust-42", "contact.email", "12345");
        String phone = fx.deterministic("cust-42", "contact.phone", "12345");

        assertThat(payload(email)).isNotEqualTo(payload(phone));
        // The header naming the subject's key differs per category, so tokens do not link subjects.
        assertThat(java.util.Arrays.copyOfRange(payload(email), 1, 33))
                .isNotEqualTo(java.util.Arrays.copyOfRange(payload(phone), 1, 33));
    }

    @Test
    void tenantsDoNotShareTokensAndCannotReadEachOthers() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        String other = fx.vault
                .tokenize(new TokenizeRequest(
                        "globex", "cust-42", "contact.email", TokenKind.DETERMINISTIC, "ana@example.com"))
                .token();

        assertThat(other).isNotEqualTo(token);
        assertThatThrownBy(() -> fx.vault.detokenize(
                        VaultFixture.READER,
                        DetokenizeRequest.single("globex", TokenRef.of(token), "support", "req-9")))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "token");
    }

    @Test
    void tamperedTokensAreRejectedWithoutEchoingThem() {
        String token = fx.deterministic("cust-42", "contact.email", "ana@example.com");
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + (char) (last + 1);

        assertThatThrownBy(() -> fx.detokenize(tampered))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining(tampered)
                .hasFieldOrPropertyWithValue("field", "token");
        assertThatThrownBy(() -> fx.detokenize(respelled)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fx.detokenize("tok_email_notbase64!!")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fx.detokenize(token.replace("tok_email_", "tok_phone_")))
                .isInstanceOf(InvalidInputException.class);
    }

    private static byte[] payload(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.indexOf('_', 4) + 1));
    }
}
