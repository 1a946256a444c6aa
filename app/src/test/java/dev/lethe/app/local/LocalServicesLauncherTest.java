package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.infra.ServiceEndpoints;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalServicesLauncherTest {

    private static final ServiceEndpoints EMBEDDED = new ServiceEndpoints(
            "127.0.0.1", 15432, "postgres", "", "127.0.0.1:19092", "http://127.0.0.1:19200", "127.0.0.1:17233");

    @Test
    void theLocalProfileAllowsConnectionsToTheEmbeddedServicesOnly() throws Exception {
        String targets =
                (String) LocalServicesLauncher.connectionProperties(EMBEDDED).get("lethe.connectors.embedded-targets");
        OutboundGuard guard = new OutboundGuard(
                OutboundGuard.fromSetting(targets).allowed(),
                host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})));

        assertThat(targets).isEqualTo("127.0.0.1:15432,127.0.0.1:19200,127.0.0.1:19092");
        assertThat(guard.check("127.0.0.1", 15432).port()).isEqualTo(15432);
        assertThat(guard.check("127.0.0.1", 19200).port()).isEqualTo(19200);
        assertThat(guard.check("127.0.0.1", 19092).port()).isEqualTo(19092);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check("127.0.0.1", 5432))
                .hasMessageContaining("lethe.connectors.allowed-targets");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check("127.0.0.1", 17233))
                .hasMessageContaining("refused");
    }
}
