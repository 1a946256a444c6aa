package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = PasswordPolicy.withMinimumLength(12);
    private static final String EMAIL = "olga.officer@example.org";
    private static final String NAME = "Olga Officer";

    @Test
    void acceptsALongPassPhraseWithoutAnyCompositionRule() {
        assertThat(POLICY.problem("correct horse battery staple", EMAIL, NAME)).isEmpty();
        assertThat(POLICY.problem("tiefseetaucherglocke", EMAIL, NAME)).isEmpty();
    }

    @Test
    void refusesShortPasswordsCountingCharactersNotBytes() {
        assertThat(POLICY.problem("short-pw1", EMAIL, NAME))
                .hasValueSatisfying(problem -> assertThat(problem).contains("at least 12"));
        // Eleven characters of two bytes each are still eleven characters.
        assertThat(POLICY.problem("ééééééééééé".replace("é", "ü") + "", EMAIL, NAME))
                .isPresent();
        assertThat(POLICY.problem("zürichseeblick", EMAIL, NAME)).isEmpty();
    }

    @Test
    void refusesOverlongPasswords() {
        assertThat(POLICY.problem("a1b2c3d4".repeat(17), EMAIL, NAME))
                .hasValueSatisfying(problem -> assertThat(problem).contains("at most 128"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "PASSWORD1234", "1q2w3e4r5t6y", "QWERTY123456", "1qaz2wsx3edc"})
    void refusesCommonPasswordsWhateverTheirCase(String common) {
        assertThat(POLICY.problem(common, EMAIL, NAME))
                .hasValueSatisfying(problem -> assertThat(problem).contains("most commonly used"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaa", "abcdefghijklmnop", "mnopqrstuvwxyz", "zyxwvutsrqponm"})
    void refusesRepetitionAndSequences(String weak) {
        assertThat(POLICY.problem(weak, EMAIL, NAME)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"olga.officer@example.org", "olga.officer2024", "OlgaOfficer!", "lethe-admin1"})
    void refusesPasswordsMadeOfTheAccountsOwnWords(String contextual) {
        assertThat(POLICY.problem(contextual, EMAIL, NAME))
                .hasValueSatisfying(problem -> assertThat(problem).contains("too close"));
    }

    @Test
    void normalisesToNfkcSoLookAlikesCompareEqual() {
        // U+FB01 (the "fi" ligature) is "fi" in NFKC.
        assertThat(PasswordPolicy.normalise("\uFB01sh")).isEqualTo("fish");
    }

    @Test
    void theBundledListIsLoaded() {
        assertThat(CommonPasswords.bundled().size()).isGreaterThan(17_000);
    }

    @Test
    void refusesAMinimumBelowNistsFloor() {
        assertThatThrownBy(() -> PasswordPolicy.withMinimumLength(7)).isInstanceOf(IllegalArgumentException.class);
    }
}
