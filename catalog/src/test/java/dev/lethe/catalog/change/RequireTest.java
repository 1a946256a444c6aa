package dev.lethe.catalog.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequireTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u001b[31mred", "\u202Egnp.exe", "x\u2066y", "del\u007f"})
    void controlAndTextDirectionCharactersAreRefused(String value) {
        assertThatThrownBy(() -> Require.text(value, "name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("name contains control or text-direction characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\"; DROP TABLE t; --", "line one\nline two\ttabbed", "שלום", "ｆｕｌｌ", "emoji 👩‍💻"})
    void anythingElseIsText(String value) {
        assertThat(Require.text(value, "name")).isEqualTo(value.strip());
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 10_000})
    void longTextIsRefused(int length) {
        assertThatThrownBy(() -> Require.text("a".repeat(length), "name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 500");
    }
}
