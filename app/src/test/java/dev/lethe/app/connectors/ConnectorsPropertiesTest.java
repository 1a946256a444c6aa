package dev.lethe.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectorsPropertiesTest {

    @Test
    void aBadAllowListIsNamedAtStartUp() {
        assertThatThrownBy(() -> new ConnectorsProperties("db.internal:99999", "", 50, true))
                .hasMessageStartingWith("lethe.connectors.allowed-targets:");
        assertThat(new ConnectorsProperties("10.20.0.0/16", "127.0.0.1:15432", 50, true)
                        .guard()
                        .allowed())
                .hasSize(2);
    }
}
