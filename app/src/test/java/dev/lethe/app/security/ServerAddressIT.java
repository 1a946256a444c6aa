package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Which interfaces Lethe's HTTP port listens on (threat model 10.2), seen on real sockets: every 127/8
 * address is the loopback, so a port bound to 127.0.0.1 refuses a connection to 127.0.0.2 (and to
 * this machine's other addresses) while one bound to 0.0.0.0 takes it. The application under test
 * runs with the default profile ({@code local}, as {@code ./lethe up} does); the {@code prod} profile
 * is read from the same configuration files by a web server alone, which starts in a second.
 */
class ServerAddressIT extends AppIntegrationTest {

    @Test
    void theApplicationListensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(connects(InetAddress.getByName("127.0.0.1"), port)).isTrue();

        assertThat(connects(InetAddress.getByName("127.0.0.2"), port))
                .as("another loopback address")
                .isFalse();
        for (InetAddress own : ownNonLoopbackAddresses()) {
            assertThat(connects(own, port)).as("this machine's address " + own).isFalse();
        }
    }

    @Test
    void theProdProfileListensOnEveryInterface() throws Exception {
        try (ConfigurableApplicationContext prod = webServerAlone("prod")) {
            int prodPort = ((WebServerApplicationContext) prod).getWebServer().getPort();

            assertThat(connects(InetAddress.getByName("127.0.0.2"), prodPort)).isTrue();
            for (InetAddress own : ownNonLoopbackAddresses()) {
                assertThat(connects(own, prodPort))
                        .as("this machine's address " + own)
                        .isTrue();
            }
        }
    }

    /** Lethe's configuration files with the profile, and nothing started but Tomcat. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
    static class WebServerAlone {}

    private static ConfigurableApplicationContext webServerAlone(String profile) {
        return new SpringApplicationBuilder(WebServerAlone.class)
                .profiles(profile)
                .logStartupInfo(false)
                // Arguments, not default properties: they must win over application.yaml's port.
                .run("--server.port=0", "--spring.main.banner-mode=off");
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static List<InetAddress> ownNonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(ServerAddressIT::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException gone) {
            return false;
        }
    }
}
