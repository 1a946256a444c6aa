package dev.lethe.app.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.workflows.request.Deadlines;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsPropertiesTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withoutSettingsTheDefaultsApply() {
        Deadlines deadlines = new RequestsProperties(null).deadlines();

        assertThat(deadlines.regulations()).containsOnlyKeys("CCPA", "GDPR", "LGPD");
        assertThat(deadlines.of("GDPR").extension()).isEqualTo(Period.ofMonths(2));
        assertThat(deadlines.of("GDPR").reminders()).containsExactly(Duration.ofDays(7), Duration.ofDays(1));
    }

    @Test
    void aConfiguredRegulationReplacesItsDefaultsOrAddsOne() {
        Deadlines deadlines = new RequestsProperties(Map.of(
                        "gdpr", new RequestsProperties.Regulation("PT30S", "PT60S", List.of("PT10S")),
                        "PIPEDA", new RequestsProperties.Regulation("P30D", null, null)))
                .deadlines();

        assertThat(deadlines.of("GDPR").dueAt(RECEIVED)).isEqualTo(RECEIVED.plusSeconds(30));
        assertThat(deadlines.of("GDPR").extendedDueAt(RECEIVED)).isEqualTo(RECEIVED.plusSeconds(60));
        assertThat(deadlines.of("GDPR").reminders()).containsExactly(Duration.ofSeconds(10));
        assertThat(deadlines.of("PIPEDA").dueAt(RECEIVED)).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(deadlines.of("PIPEDA").extendable()).isFalse();
        assertThat(deadlines.of("CCPA").due()).isEqualTo(Period.ofDays(45));
    }

    @Test
    void aBadSettingFailsAtStartUpNamingItsProperty() {
        assertThatThrownBy(() -> new RequestsProperties(
                        Map.of("GDPR", new RequestsProperties.Regulation("one month", null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lethe.requests.regulations.GDPR");
        assertThatThrownBy(() ->
                        new RequestsProperties(Map.of("PIPEDA", new RequestsProperties.Regulation(null, "P30D", null))))
                .hasMessageContaining("lethe.requests.regulations.PIPEDA.due is required");
        assertThatThrownBy(() -> new RequestsProperties(
                        Map.of("GDPR", new RequestsProperties.Regulation(null, null, List.of("P1M")))))
                .hasMessageContaining("in days or less");
    }
}
