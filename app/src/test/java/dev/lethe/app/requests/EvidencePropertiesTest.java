package dev.lethe.app.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvidencePropertiesTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void packagesLiveUnderTheDataDirectoryUnlessADirectoryIsSet() {
        var defaults = new EvidenceProperties(null, Duration.ofDays(30), Duration.ofHours(72), HOUR);
        var set = new EvidenceProperties(Path.of("/srv/packages"), Duration.ofDays(30), Duration.ofHours(72), HOUR);

        assertThat(defaults.dirOr(Path.of("/data"))).isEqualTo(Path.of("/data/packages"));
        assertThat(set.dirOr(Path.of("/data"))).isEqualTo(Path.of("/srv/packages"));
    }

    @Test
    void aLinkCannotOutliveItsPackage() {
        assertThatThrownBy(() -> new EvidenceProperties(null, Duration.ofDays(1), Duration.ofDays(2), HOUR))
                .hasMessageContaining("lethe.requests.packages.link-ttl");
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> new EvidenceProperties(null, Duration.ZERO, HOUR, HOUR))
                .hasMessageContaining("lethe.requests.packages.ttl");
        assertThatThrownBy(() -> new EvidenceProperties(null, Duration.ofDays(1), HOUR, Duration.ZERO))
                .hasMessageContaining("lethe.requests.packages.sweep-interval");
    }
}
