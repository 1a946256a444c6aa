package dev.lethe.connectors.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MariaDbConnectorTypeTest {

    private final MariaDbConnectorType type = new MariaDbConnectorType();

    @Test
    void itIsTheMariaDbTypeForMySqlAndMariaDbWithEveryCapability() {
        assertThat(type.name()).isEqualTo("mariadb");
        assertThat(type.description()).contains("MySQL").contains("MariaDB");
        assertThat(type.capabilities())
                .containsExactlyInAnyOrder(
                        Capability.TEST,
                        Capability.DISCOVER,
                        Capability.LOCATE,
                        Capability.ACCESS,
                        Capability.ERASE,
                        Capability.RECTIFY,
                        Capability.PURGE,
                        Capability.VERIFY);
        assertThat(type.fields())
                .extracting(ConfigField::name)
                .containsExactly(
                        "host",
                        "port",
                        "database",
                        "user",
                        "password",
                        "ssl-mode",
                        "ca-certificate",
                        "statement-timeout-seconds");
        assertThat(type.fields())
                .filteredOn(ConfigField::secret)
                .extracting(ConfigField::name)
                .containsExactly("password");
    }

    @Test
    void defaultsFillWhatIsAbsentAndThePasswordNeverShows() {
        var config = MariaDbConnectorConfig.from(type.configure(
                Map.of("host", "db.internal", "database", "shop", "user", "lethe", "password", "pw-42")));

        assertThat(config)
                .isEqualTo(new MariaDbConnectorConfig(
                        "db.internal", 3306, "shop", "lethe", "pw-42", "verify-full", null, Duration.ofSeconds(30)));
        assertThat(config.toString()).doesNotContain("pw-42");
    }

    @Test
    void badSettingsAreNamedWithTheirField() {
        assertThatThrownBy(() -> type.configure(Map.of(
                        "host",
                        "db.internal",
                        "database",
                        "shop`; drop",
                        "user",
                        "lethe",
                        "ssl-mode",
                        "sometimes",
                        "statement-timeout-seconds",
                        "0")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactlyInAnyOrder("database", "ssl-mode", "statement-timeout-seconds"));
    }
}
