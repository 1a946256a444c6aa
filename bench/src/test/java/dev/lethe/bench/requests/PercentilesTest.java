package dev.lethe.bench.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = Percentiles.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0));

        assertThat(p.count()).isEqualTo(10);
        assertThat(p.p50()).isEqualTo(5.0);
        assertThat(p.p95()).isEqualTo(10.0);
        assertThat(p.max()).isEqualTo(10.0);
    }

    @Test
    void noMeasurementsGiveNoFigures() {
        assertThat(Percentiles.of(List.of()).count()).isZero();
        assertThat(Percentiles.of(List.of()).p99()).isNaN();
    }
}
