package dev.lethe.bench.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutArgumentsTheFullRunOfAMillionRowsIsMeant() {
        Options options = Options.parse();

        assertThat(options.rows()).isEqualTo(1_000_000);
        assertThat(options.batchSizes()).containsExactly(1000, 10000, 50000);
        assertThat(options.out()).isEqualTo(Path.of("bench/target/connectors.md"));
    }

    @Test
    void aQuickRunTakesFewerRowsAndOtherBatchSizes() {
        Options options = Options.parse("--rows", "20000", "--batch-sizes", "500, 5000", "--readers", "2");

        assertThat(options.rows()).isEqualTo(20_000);
        assertThat(options.batchSizes()).isEqualTo(List.of(500, 5000));
        assertThat(options.readers()).isEqualTo(2);
    }

    @Test
    void anUnknownOptionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse("--row", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows")
                .hasMessageContaining("--row");
    }
}
