package dev.lethe.bench.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Samples samples = new Samples();
        for (long ms = 100; ms >= 1; ms--) {
            samples.add(ms * 1_000_000);
        }

        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.medianMs()).isEqualTo(50.0);
        assertThat(samples.percentileMs(99)).isEqualTo(99.0);
        assertThat(samples.maxMs()).isEqualTo(100.0);
        assertThat(samples.over(90)).isEqualTo(10);
    }

    @Test
    void mergedSamplesCountEveryThreadsDurations() {
        Samples first = new Samples();
        Samples second = new Samples();
        for (int i = 0; i < 300; i++) {
            first.add(1_000_000);
            second.add(3_000_000);
        }

        first.addAll(second);

        assertThat(first.count()).isEqualTo(600);
        assertThat(first.maxMs()).isEqualTo(3.0);
        assertThat(first.percentileMs(50)).isEqualTo(1.0);
    }

    @Test
    void anEmptySampleReportsZero() {
        assertThat(new Samples().maxMs()).isZero();
    }
}
