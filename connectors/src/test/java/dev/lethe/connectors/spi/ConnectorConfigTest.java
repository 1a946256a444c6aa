package dev.lethe.connectors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

    static final ConfigField HOST = ConfigField.required("host", FieldType.HOST, "Database host");
    static final ConfigField PORT = ConfigField.optional("port", FieldType.PORT, "5432", "Database port");
    static final ConfigField USER = ConfigField.required("user", FieldType.STRING, "Login role");
    static final ConfigField PASSWORD =
            ConfigField.required("password", FieldType.STRING, "Login password").asSecret();
    static final ConfigField SCHEMAS = ConfigField.optional("schemas", FieldType.LIST, "public", "Schemas to read")
            .validatedBy(value ->
                    value.contains("pg_catalog") ? Optional.of("must not include pg_catalog") : Optional.empty());
    static final ConfigField SSL = ConfigField.optional("ssl", FieldType.BOOLEAN, "false", "Use TLS");

    static final List<ConfigField> FIELDS = List.of(HOST, PORT, USER, PASSWORD, SCHEMAS, SSL);

    @Test
    void defaultsFillWhatIsAbsentAndValuesAreTyped() {
        ConnectorConfig config = ConnectorConfig.of(
                FIELDS, Map.of("host", " db.internal ", "user", "lethe", "password", "pw", "schemas", "public, crm"));

        assertThat(config.require(HOST)).isEqualTo("db.internal");
        assertThat(config.integer(PORT)).contains(5432L);
        assertThat(config.list(SCHEMAS)).containsExactly("public", "crm");
        assertThat(config.flag(SSL)).isFalse();
    }

    @Test
    void everyProblemIsNamedAtOnceWithItsField() {
        assertThatThrownBy(() -> ConnectorConfig.of(
                        FIELDS,
                        Map.of(
                                "port",
                                "70000",
                                "user",
                                "lethe",
                                "schemas",
                                "public,pg_catalog",
                                "ssl",
                                "yes",
                                "hots",
                                "x")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactly("hots", "host", "port", "password", "schemas", "ssl"))
                .hasMessageContaining("host is required")
                .hasMessageContaining("port is not a port (1-65535) ('70000')")
                .hasMessageContaining("hots is not a setting of this connector type")
                .hasMessageContaining("schemas must not include pg_catalog");
    }

    @Test
    void aSecretIsNeverShownNorQuotedInAProblem() {
        ConfigField pin = ConfigField.required("pin", FieldType.INTEGER, "A secret number")
                .asSecret();
        ConnectorConfig config = ConnectorConfig.of(FIELDS, Map.of("host", "db", "user", "u", "password", "hunter2"));

        assertThat(config.masked()).containsEntry("password", "********").containsEntry("user", "u");
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> ConnectorConfig.of(List.of(pin), Map.of("pin", "hunter2")))
                .hasMessageContaining("pin is not a whole number")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void aFieldOfAnotherConfigurationIsRefused() {
        ConnectorConfig config = ConnectorConfig.of(List.of(SSL), Map.of());

        assertThatThrownBy(() -> config.string(HOST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldDescriptorsRefuseContradictions() {
        assertThatThrownBy(() ->
                        new ConfigField("Host Name", FieldType.HOST, false, null, false, "x", v -> Optional.empty()))
                .hasMessageContaining("Host Name");
        assertThatThrownBy(() -> new ConfigField("host", FieldType.HOST, true, "db", false, "x", v -> Optional.empty()))
                .hasMessageContaining("required field has no default");
    }
}
