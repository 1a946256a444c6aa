package dev.lethe.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aTypeWithNeitherGoldExamplesNorPredictionsIsNotApplicableNotPerfect() {
        Metrics.Counts absent = new Metrics().of("IBAN/all");

        assertThat(absent.absent()).isTrue();
        assertThat(absent.precision()).isEmpty();
        assertThat(absent.recall()).isEmpty();
        assertThat(absent.f1()).isEmpty();
    }

    @Test
    void anAbsentTypeIsLeftOutOfTheMacroAverages() {
        var metrics = new Metrics();
        Metrics.Counts perfect = metrics.of("EMAIL_ADDRESS/all");
        perfect.tp = 10;
        Metrics.Counts poor = metrics.of("PHONE_NUMBER/all");
        poor.tp = 5;
        poor.fp = 5;
        poor.fn = 5;
        metrics.of("IBAN/all");

        assertThat(metrics.macroPrecision().getAsDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(metrics.macroRecall().getAsDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(metrics.macroF1().getAsDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(metrics.markdown("t", ""))
                .contains("| IBAN | all | 0 | 0 | 0 | n/a | n/a | n/a |")
                .contains("| macro average (n/a left out) | | | | | 0.750 | 0.750 | 0.750 |");
    }

    @Test
    void missingEverythingOrOnlyRaisingFalseAlarmsScoresZeroNotNotApplicable() {
        var metrics = new Metrics();
        Metrics.Counts missed = metrics.of("IBAN/all");
        missed.fn = 3;
        Metrics.Counts falseAlarms = metrics.of("US_SSN/all");
        falseAlarms.fp = 2;

        assertThat(missed.precision()).isEmpty();
        assertThat(missed.recall()).hasValue(0.0);
        assertThat(missed.f1()).hasValue(0.0);
        assertThat(falseAlarms.precision()).hasValue(0.0);
        assertThat(falseAlarms.recall()).isEmpty();
        assertThat(falseAlarms.f1()).hasValue(0.0);
        assertThat(metrics.macroF1()).hasValue(0.0);
    }
}
