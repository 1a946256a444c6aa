package dev.lethe.ui.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityMasksTest {

    @Test
    void anEmailAddressKeepsItsInitialsAndTopLevelDomain() {
        assertThat(IdentityMasks.mask("email", "olga.subject@example.org")).isEqualTo("o***@e***.org");
        assertThat(IdentityMasks.mask("email", "x@localhost")).isEqualTo("x***@l***");
    }

    @Test
    void otherValuesKeepTheirFirstAndLastTwoCharactersWhenLong() {
        assertThat(IdentityMasks.mask("phone", "+49 30 1234567")).isEqualTo("+***67");
        assertThat(IdentityMasks.mask("customer_id", "C-1234")).isEqualTo("C***");
        assertThat(IdentityMasks.mask("customer_id", "42")).isEqualTo("***");
    }

    @Test
    void noMaskShowsTheWholeValue() {
        for (String value : new String[] {"a", "ab", "abc", "abcdefg", "a@b.c", "someone@example.org"}) {
            assertThat(IdentityMasks.mask("email", value)).isNotEqualTo(value).doesNotContain(value);
            assertThat(IdentityMasks.mask("other", value)).isNotEqualTo(value).doesNotContain(value);
        }
    }
}
