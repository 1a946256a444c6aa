package dev.lethe.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.workflows.retention.RetentionSettings;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetentionPropertiesTest {

    @Test
    void theDefaultsAreTheRunsDefaults() {
        // Bound as Spring binds an installation that sets nothing: the annotations' defaults.
        RetentionProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("lethe.retention", RetentionProperties.class);

        assertThat(defaults.settings()).isEqualTo(RetentionSettings.defaults());
    }

    @Test
    void aBadSettingFailsAtStartUpNamingItsProperty() {
        assertThatThrownBy(() -> properties(0, Duration.ZERO, 0, Period.ofYears(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lethe.retention.batch-size must be 1 to 100000");
        assertThatThrownBy(() -> properties(100, Duration.ofMillis(-1), 0, Period.ofYears(3)))
                .hasMessageContaining("lethe.retention.pause-between-batches");
        assertThatThrownBy(() -> properties(100, Duration.ZERO, -5, Period.ofYears(3)))
                .hasMessageContaining("lethe.retention.max-records-per-second");
        assertThatThrownBy(() -> properties(100, Duration.ZERO, 0, Period.ZERO))
                .hasMessageContaining("lethe.retention.own-request-identities");
    }

    private static RetentionProperties properties(
            int batchSize, Duration pause, int maxRecordsPerSecond, Period ownRequestIdentities) {
        return new RetentionProperties(
                true,
                batchSize,
                pause,
                maxRecordsPerSecond,
                5,
                Duration.ofSeconds(10),
                Duration.ofHours(2),
                ownRequestIdentities,
                Duration.ofMinutes(1));
    }
}
