package dev.lethe.bench.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.workflows.retention.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutArgumentsTheIssuesSizesAndTheRunsDefaultPaceAreMeant() {
        Options options = Options.parse();

        assertThat(options.rows()).isEqualTo(20_000_000);
        assertThat(options.expired()).isEqualTo(10_000_000);
        assertThat(options.batch()).isEqualTo(10_000);
        assertThat(options.pause()).isEqualTo(RetentionSettings.defaults().pauseBetweenBatches());
        assertThat(options.maxRate()).isZero();
        assertThat(options.readRate()).isEqualTo(200);
        assertThat(options.baseline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.out()).isEqualTo(Path.of("bench/target/retention.md"));
    }

    @Test
    void aSmallerRunTakesRowsBatchAndPauseWithOrWithoutUnits() {
        Options options = Options.parse(
                "--rows", "200_000", "--batch", "5000", "--pause", "0", "--baseline", "10s", "--after", "5");

        assertThat(options.rows()).isEqualTo(200_000);
        assertThat(options.batch()).isEqualTo(5000);
        assertThat(options.pause()).isZero();
        assertThat(options.baseline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.after()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownOptionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse("--row", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows")
                .hasMessageContaining("--row");
    }

    @Test
    void aBatchTheConnectorWouldRefuseIsRefusedBeforeTheTableIsLoaded() {
        assertThatThrownBy(() -> Options.parse("--batch", "200000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse("--read-rate", "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
