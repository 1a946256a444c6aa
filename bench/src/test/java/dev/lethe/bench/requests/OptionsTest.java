package dev.lethe.bench.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutArgumentsASmallRunOfEveryPhaseIsMeant() {
        Options options = Options.parse();

        assertThat(options.requests()).isEqualTo(100);
        assertThat(options.customers()).isEqualTo(10_000);
        assertThat(options.rows()).isEqualTo(100_000);
        assertThat(options.locatorEntries()).isEqualTo(1_000_000);
        assertThat(options.phases()).containsExactlyInAnyOrder("requests", "heavy", "locator");
    }

    @Test
    void theIssuesSizesAreGivenOnTheCommandLine() {
        Options options = Options.parse(
                "--requests", "1000", "--rows", "1000000", "--locator-entries", "10000000", "--phases", "locator");

        assertThat(options.requests()).isEqualTo(1000);
        assertThat(options.rows()).isEqualTo(1_000_000);
        assertThat(options.locatorEntries()).isEqualTo(10_000_000);
        assertThat(options.phases()).containsExactly("locator");
    }

    @Test
    void moreRequestsThanCustomersAndUnknownPhasesAreRefused() {
        assertThatThrownBy(() -> Options.parse("--requests", "100", "--customers", "100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--customers");
        assertThatThrownBy(() -> Options.parse("--phases", "locate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--phases");
        assertThatThrownBy(() -> Options.parse("--request", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--request");
    }
}
