package dev.lethe.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    @Test
    void aWorkerBeatsThreeTimesPerHeartbeatTimeoutWithinSensibleBounds() {
        assertThat(Heartbeats.every(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Heartbeats.every(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(10));
        assertThat(Heartbeats.every(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(200));
        assertThat(Heartbeats.every(Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    }
}
