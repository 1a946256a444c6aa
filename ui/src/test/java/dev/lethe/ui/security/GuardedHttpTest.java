package dev.lethe.ui.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.guard.OutboundRefusedException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestTemplate;

/** The identity provider's HTTP goes through the outbound guard: nothing internal, nothing but http(s). */
class GuardedHttpTest {

    private final OutboundGuard nothingAllowed = OutboundGuard.fromSetting("");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.1:8080/realms/x/.well-known/openid-configuration",
                "http://localhost/x",
                "http://10.0.0.5/x",
                "http://[::1]:8080/x",
                "http://[fd00::1]/x",
                "https://192.168.1.1/x"
            })
    void internalAddressesAreRefusedBeforeAnyConnection(String url) {
        RestTemplate http = GuardedHttp.restTemplate(nothingAllowed);

        assertThatThrownBy(() -> http.getForObject(url, String.class)).isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"file:///etc/passwd", "gopher://example.com:70/_x", "jar:file:/x.jar!/a", "ftp://example.com:21/"
            })
    void otherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> GuardedHttp.check(nothingAllowed, URI.create(url)))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void anAllowedTargetGetsThrough() {
        RestTemplate http = GuardedHttp.restTemplate(OutboundGuard.fromSetting("127.0.0.1:1"));

        // Past the guard: the connection itself fails (nothing listens on port 1).
        assertThatThrownBy(() -> http.getForObject("http://127.0.0.1:1/x", String.class))
                .isInstanceOf(ResourceAccessException.class);
    }
}
