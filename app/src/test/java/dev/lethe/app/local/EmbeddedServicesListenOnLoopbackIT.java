package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services {@code ./lethe up} embeds (PostgreSQL, Kafka, Elasticsearch, Temporal, started by the
 * same {@code LocalServices} the launcher uses, and the SMTP/IMAP server) listen on 127.0.0.1 only:
 * what the kernel reports for their listening sockets, not what their settings say. A socket on
 * 0.0.0.0 or :: would take connections from the network, without passwords (PostgreSQL trusts its
 * local users, Temporal and Kafka have no authentication here).
 */
@ExtendWith(LocalServicesExtension.class)
class EmbeddedServicesListenOnLoopbackIT {

    private static final InetAddress LOOPBACK = loopback();

    /** A listening TCP socket as {@code /proc/net/tcp[6]} lists it. */
    record Listener(InetAddress address, int port, String inode) {
        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    @Test
    void everyEmbeddedServiceListensOn127001Only() throws Exception {
        assumeFalse("containers".equals(System.getProperty("lethe.it.services")), "services run in containers");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "the kernel's socket tables are Linux's");
        ServiceEndpoints services = TestServices.endpoints();
        List<Listener> listeners = listening();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", services.postgresPort());
        ports.put(
                "Kafka",
                URI.create("kafka://" + services.kafkaBootstrapServers()).getPort());
        ports.put("Elasticsearch", URI.create(services.elasticsearchUrl()).getPort());
        ports.put("Temporal", URI.create("grpc://" + services.temporalTarget()).getPort());

        ports.forEach((service, port) -> assertThat(on(listeners, port))
                .as(service + " on port " + port)
                .isNotEmpty()
                .allSatisfy(listener -> assertThat(listener.address()).isEqualTo(LOOPBACK)));

        // Kafka's controller and Elasticsearch's transport port too: everything their processes listen on.
        Set<String> childSockets = socketInodes(ProcessHandle.current()
                .descendants()
                .filter(process -> commandLine(process).contains("kafka.Kafka")
                        || commandLine(process).contains("elasticsearch")));
        assertThat(listeners.stream().filter(listener -> childSockets.contains(listener.inode())))
                .as("sockets of the service processes")
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(listener ->
                        assertThat(listener.address()).as(listener.toString()).isEqualTo(LOOPBACK));
    }

    @Test
    void theEmbeddedMailServerListensOn127001Only() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "the kernel's socket tables are Linux's");
        try (LocalMailServer mail = LocalMailServer.start()) {
            int smtp = (Integer) mail.portalProperties().get("lethe.portal.mail.port");
            assertThat(mail.portalProperties()).containsEntry("lethe.portal.mail.host", "127.0.0.1");

            List<Listener> listeners = listening();
            assertThat(on(listeners, smtp))
                    .as("SMTP on port " + smtp)
                    .isNotEmpty()
                    .allSatisfy(listener -> assertThat(listener.address()).isEqualTo(LOOPBACK));
        }
    }

    private static List<Listener> on(List<Listener> listeners, int port) {
        return listeners.stream().filter(listener -> listener.port() == port).toList();
    }

    /** Every listening TCP socket of this network namespace, IPv4 and IPv6. */
    static List<Listener> listening() throws IOException {
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // st 0A is LISTEN; local_address is <address in hex, in host byte order per 32-bit word>:<port in hex>.
                if (fields.length > 9 && fields[3].equals("0A")) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16), fields[9]));
                }
            }
        }
        return listeners;
    }

    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(address);
    }

    private static Set<String> socketInodes(Stream<ProcessHandle> processes) {
        return processes
                .flatMap(process -> {
                    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                        return fds
                                .map(fd -> {
                                    try {
                                        return Files.readSymbolicLink(fd).toString();
                                    } catch (IOException e) {
                                        return "";
                                    }
                                })
                                .filter(target -> target.startsWith("socket:["))
                                .map(target -> target.substring("socket:[".length(), target.length() - 1))
                                .toList()
                                .stream();
                    } catch (IOException e) {
                        // A process that ended meanwhile, or one this user may not look into.
                        return Stream.empty();
                    }
                })
                .collect(Collectors.toSet());
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
