package dev.lethe.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.change.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void gdprIsDueOneCalendarMonthAfterReceipt() {
        RegulationDeadlines gdpr = Deadlines.DEFAULTS.of("GDPR");

        assertThat(gdpr.dueAt(at("2026-03-10T09:30:00Z"))).isEqualTo(at("2026-04-10T09:30:00Z"));
        // A month from 31 January ends on the last day of February, not in March.
        assertThat(gdpr.dueAt(at("2026-01-31T12:00:00Z"))).isEqualTo(at("2026-02-28T12:00:00Z"));
        assertThat(gdpr.dueAt(at("2028-01-31T12:00:00Z"))).isEqualTo(at("2028-02-29T12:00:00Z"));
    }

    @Test
    void gdprExtendsByTwoMoreMonthsFromTheDueDate() {
        RegulationDeadlines gdpr = Deadlines.DEFAULTS.of("gdpr");

        assertThat(gdpr.extendable()).isTrue();
        assertThat(gdpr.extendedDueAt(at("2026-04-10T09:30:00Z"))).isEqualTo(at("2026-06-10T09:30:00Z"));
    }

    @Test
    void ccpaCountsFortyFiveDaysAndFortyFiveMore() {
        RegulationDeadlines ccpa = Deadlines.DEFAULTS.of("CCPA");

        Instant due = ccpa.dueAt(at("2026-01-01T00:00:00Z"));
        assertThat(due).isEqualTo(at("2026-02-15T00:00:00Z"));
        assertThat(ccpa.extendedDueAt(due)).isEqualTo(at("2026-04-01T00:00:00Z"));
    }

    @Test
    void lgpdHasFifteenDaysAndNoExtension() {
        RegulationDeadlines lgpd = Deadlines.DEFAULTS.of("LGPD");

        assertThat(lgpd.dueAt(at("2026-01-01T00:00:00Z"))).isEqualTo(at("2026-01-16T00:00:00Z"));
        assertThat(lgpd.extendable()).isFalse();
    }

    @Test
    void anUnknownRegulationIsInvalidInput() {
        assertThatThrownBy(() -> Deadlines.DEFAULTS.of("HIPAA"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GDPR");
        assertThatThrownBy(() -> Deadlines.DEFAULTS.of(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void spansArePeriodsOrDurations() {
        assertThat(RegulationDeadlines.span("P1M")).isEqualTo(Period.ofMonths(1));
        assertThat(RegulationDeadlines.span("p45d")).isEqualTo(Period.ofDays(45));
        assertThat(RegulationDeadlines.span("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RegulationDeadlines.span("a month"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void testsShortenDeadlinesToSeconds() {
        Deadlines quick = new Deadlines(Map.of(
                "GDPR",
                new RegulationDeadlines(
                        "GDPR", Duration.ofSeconds(30), Duration.ofSeconds(60), List.of(Duration.ofSeconds(10)))));

        assertThat(quick.of("GDPR").dueAt(at("2026-01-01T00:00:00Z"))).isEqualTo(at("2026-01-01T00:00:30Z"));
    }

    @Test
    void aDueSpanMustBePositive() {
        assertThatThrownBy(() -> new RegulationDeadlines("X", Period.ZERO, Period.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegulationDeadlines("X", Period.ofDays(1), Period.ofDays(-1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
