package dev.lethe.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.postgres.PostgresConnectorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorTypesTest {

    @Test
    void typesAreFoundByName() {
        var types = new ConnectorTypes(List.of(new PostgresConnectorType()));

        assertThat(types.find("postgresql")).isPresent();
        assertThat(types.all()).extracting(type -> type.name()).containsExactly("postgresql");
    }

    @Test
    void anUnknownTypeIsNamedWithTheTypesThereAre() {
        var types = new ConnectorTypes(List.of(new PostgresConnectorType()));

        assertThatThrownBy(() -> types.require("oracle"))
                .hasMessage("type 'oracle' is unknown; the types are [postgresql]");
        assertThatThrownBy(() -> types.require(null)).hasMessageStartingWith("type is required");
    }

    @Test
    void twoTypesOfOneNameStopTheApplication() {
        assertThatThrownBy(() -> new ConnectorTypes(List.of(new PostgresConnectorType(), new PostgresConnectorType())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two connector types are named postgresql");
    }
}
