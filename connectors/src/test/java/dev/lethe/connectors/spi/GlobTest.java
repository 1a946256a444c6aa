package dev.lethe.connectors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void aStarMatchesAnyRunOfCharactersAndNothingElseIsSpecial() {
        assertThat(Glob.matches("orders-*", "orders-2026.12")).isTrue();
        assertThat(Glob.matches("orders-*", "orders-")).isTrue();
        assertThat(Glob.matches("*-eu-*", "shop-eu-1")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("orders", "orders")).isTrue();
        assertThat(Glob.matches("orders-*", "order-1")).isFalse();
        assertThat(Glob.matches("a*b", "ab-")).isFalse();
        assertThat(Glob.matches("logs.*", "logsX1")).as("a dot is a dot").isFalse();
        assertThat(Glob.matches("[a-z]*", "x")).as("brackets are characters").isFalse();
    }

    @Test
    void aPatternThatBacktracksCatastrophicallyAsARegexIsAnsweredInOnePass() {
        // As a regex (a.*){40}b over 10,000 a's this takes longer than anyone waits; here at most 81 × 10,000 steps.
        String glob = "a*".repeat(40) + "b";
        String text = "a".repeat(10_000);

        assertThat(Glob.matches(glob, text)).isFalse();
        assertThat(Glob.matches(glob, text + "b")).isTrue();
    }
}
