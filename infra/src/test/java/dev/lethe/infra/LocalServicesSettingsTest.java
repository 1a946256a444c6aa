package dev.lethe.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalServicesSettingsTest {

    @Test
    void leftOutSettingsGetTheDocumentedDefaults() {
        var settings = new LocalServicesSettings(null, null, null, null, null, null);

        assertThat(settings.dataDir()).isEqualTo(Path.of(".lethe").toAbsolutePath());
        assertThat(settings.postgres().port()).isEqualTo(15432);
        assertThat(settings.kafka().port()).isEqualTo(19092);
        assertThat(settings.kafka().controllerPort()).isEqualTo(19093);
        assertThat(settings.elasticsearch().port()).isEqualTo(19200);
        assertThat(settings.temporal().port()).isEqualTo(17233);
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aPartlyGivenServiceKeepsDefaultsForTheRest() {
        var settings = new LocalServicesSettings(
                Path.of("/tmp/x"), null, new LocalServicesSettings.Kafka(29092, null, null), null, null, null);

        assertThat(settings.kafka().port()).isEqualTo(29092);
        assertThat(settings.kafka().controllerPort()).isEqualTo(19093);
        assertThat(settings.kafka().heap()).isEqualTo("512m");
    }

    @Test
    void freePortsDifferFromTheDefaultsAndFromEachOther() {
        var settings = LocalServicesSettings.onFreePorts(Path.of("/tmp/x"));

        assertThat(java.util.Set.of(
                        settings.postgres().port(),
                        settings.kafka().port(),
                        settings.kafka().controllerPort(),
                        settings.elasticsearch().port(),
                        settings.elasticsearch().transportPort(),
                        settings.temporal().port()))
                .hasSize(6)
                .doesNotContain(15432, 19092, 19200, 17233);
    }
}
