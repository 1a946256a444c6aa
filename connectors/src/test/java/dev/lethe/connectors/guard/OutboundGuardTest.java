package dev.lethe.connectors.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundGuardTest {

    /** Names resolve from this table only: no DNS in a unit test. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "shop.example.com", List.of("93.184.215.14"),
            "rebind.example.com", List.of("93.184.215.14", "127.0.0.1"),
            "internal.example.com", List.of("10.1.2.3"),
            "metadata.example.com", List.of("169.254.169.254"),
            "v6only.example.com", List.of("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));

    private static final OutboundGuard.Resolver RESOLVER = host -> {
        if (Addresses.looksLiteral(host)) {
            return List.of(InetAddress.getByName(host));
        }
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(OutboundGuardTest::address).toList();
    };

    private static OutboundGuard guard(String allowedTargets) {
        OutboundGuard fromSetting = OutboundGuard.fromSetting(allowedTargets);
        return new OutboundGuard(fromSetting.allowed(), RESOLVER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "[::1]",
                "169.254.169.254",
                "10.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "100.64.0.1",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "255.255.255.255",
                "fe80::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::",
                "internal.example.com",
                "metadata.example.com"
            })
    void nonPublicDestinationsAreRefusedByDefault(String host) {
        assertThatThrownBy(() -> guard("").check(host, 443))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("are refused")
                .hasMessageContaining("lethe.connectors.allowed-targets");
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsNotPublic() {
        assertThatThrownBy(() -> guard("").check("rebind.example.com", 443))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("loopback");
    }

    @Test
    void aPublicNameIsAllowedAndPinnedToTheAddressThatWasChecked() {
        GuardedTarget target = guard("").check("Shop.Example.com", 5432);

        assertThat(target.host()).isEqualTo("shop.example.com");
        assertThat(target.address()).isEqualTo(address("93.184.215.14"));
        assertThat(target.port()).isEqualTo(5432);
        assertThat(guard("").check("v6only.example.com", 443).address())
                .isEqualTo(address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
    }

    @Test
    void anUnknownNameIsRefusedWithoutGuessing() {
        assertThatThrownBy(() -> guard("").check("nowhere.example.com", 443))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("does not resolve");
    }

    @Test
    void anAllowedHostOpensEveryPortOfThatHostOnly() {
        OutboundGuard guard = guard("internal.example.com");

        assertThat(guard.check("internal.example.com", 5432).address()).isEqualTo(address("10.1.2.3"));
        assertThat(guard.check("internal.example.com", 9200).port()).isEqualTo(9200);
        assertThatThrownBy(() -> guard.check("10.1.2.3", 5432)).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void anAllowedHostAndPortOpensThatPortOnly() {
        OutboundGuard guard = guard("127.0.0.1:15432, [::1]:19200");

        assertThat(guard.check("127.0.0.1", 15432).port()).isEqualTo(15432);
        assertThat(guard.check("::1", 19200).port()).isEqualTo(19200);
        assertThatThrownBy(() -> guard.check("127.0.0.1", 22)).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> guard.check("::1", 15432)).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void anAllowedRangeOpensItsAddressesWhateverTheName() {
        OutboundGuard guard = guard("10.1.0.0/16");

        assertThat(guard.check("internal.example.com", 443).address()).isEqualTo(address("10.1.2.3"));
        assertThat(guard.check("10.1.255.255", 443).port()).isEqualTo(443);
        assertThatThrownBy(() -> guard.check("10.2.0.1", 443)).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> guard.check("169.254.169.254", 80)).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void urlsAreCheckedByHostAndTheirSchemesDefaultPort() {
        OutboundGuard guard = guard("");

        assertThat(guard.check(URI.create("https://shop.example.com/hook")).port())
                .isEqualTo(443);
        assertThat(guard.check(URI.create("http://shop.example.com/hook")).port())
                .isEqualTo(80);
        assertThatThrownBy(() -> guard.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.check(URI.create("http://user:secret@[::1]:8080/")))
                .isInstanceOf(OutboundRefusedException.class)
                .message()
                .doesNotContain("secret");
    }

    @Test
    void aBadAllowListEntryIsNamed() {
        assertThatThrownBy(() -> OutboundGuard.fromSetting("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33");
        assertThatThrownBy(() -> OutboundGuard.fromSetting("db.internal:http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.internal:http");
        assertThatThrownBy(() -> OutboundGuard.fromSetting("db.internal/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
