package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.mock.env.MockEnvironment;

/**
 * The prod start-up check against the real services, and against a port that accepts connections
 * but speaks none of their protocols (a proxy, a load balancer, the wrong service).
 */
@ExtendWith(LocalServicesExtension.class)
class ProductionServicesCheckIT {

    private ServerSocket impostor;
    private Thread impostorLoop;

    @BeforeEach
    void startImpostor() throws IOException {
        impostor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        impostorLoop = Thread.ofVirtual().start(() -> {
            while (!impostor.isClosed()) {
                try {
                    Socket socket = impostor.accept();
                    Thread.ofVirtual().start(() -> answerNonsense(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stopImpostor() throws Exception {
        impostor.close();
        impostorLoop.join();
    }

    @Test
    void theRealServicesPassTheCheck() {
        assertThat(ProductionServicesCheck.problems(environment(real()))).isEmpty();
    }

    @Test
    void aPortThatAnswersSomethingElseIsNotTakenForTheService() {
        String impostorAddress = "127.0.0.1:" + impostor.getLocalPort();
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:postgresql://" + impostorAddress + "/lethe");
        settings.put("spring.kafka.bootstrap-servers", impostorAddress);
        settings.put("spring.elasticsearch.uris", "http://" + impostorAddress);
        settings.put("lethe.temporal.target", impostorAddress);

        assertThat(ProductionServicesCheck.problems(environment(settings)))
                .hasSize(4)
                .allSatisfy(problem -> assertThat(problem).doesNotContain("is unreachable"))
                .anySatisfy(problem -> assertThat(problem).startsWith("PostgreSQL at"))
                .anySatisfy(problem -> assertThat(problem).startsWith("Kafka at"))
                .anySatisfy(problem -> assertThat(problem).startsWith("Elasticsearch at"))
                .anySatisfy(problem -> assertThat(problem).startsWith("Temporal at"));
    }

    @Test
    void refusedCredentialsAreNamedWithoutEchoingThem() {
        ServiceEndpoints services = TestServices.endpoints();
        Map<String, String> settings = real();
        settings.put(
                "spring.datasource.url",
                "jdbc:postgresql://" + services.postgresHost() + ":" + services.postgresPort()
                        + "/postgres?password=s3cret-in-url");
        settings.put("spring.datasource.username", "no_such_role");
        settings.put("spring.datasource.password", "s3cret-property");

        assertThat(ProductionServicesCheck.problems(environment(settings)))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .startsWith("PostgreSQL at jdbc:postgresql://" + services.postgresHost())
                        .contains("refused the credentials")
                        .doesNotContain("s3cret")
                        .doesNotContain("no_such_role"));
    }

    private static Map<String, String> real() {
        ServiceEndpoints services = TestServices.endpoints();
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", services.jdbcUrl("postgres"));
        settings.put("spring.datasource.username", services.postgresUser());
        settings.put("spring.datasource.password", Objects.toString(services.postgresPassword(), ""));
        settings.put("spring.kafka.bootstrap-servers", services.kafkaBootstrapServers());
        settings.put("spring.elasticsearch.uris", services.elasticsearchUrl());
        settings.put("lethe.temporal.target", services.temporalTarget());
        return settings;
    }

    private static MockEnvironment environment(Map<String, String> settings) {
        var environment = new MockEnvironment();
        settings.forEach(environment::setProperty);
        return environment;
    }

    /** Reads a little and answers bytes that are no protocol at all, then hangs up. */
    private static void answerNonsense(Socket socket) {
        try (socket) {
            socket.setSoTimeout(2000);
            socket.getInputStream().read(new byte[512]);
            OutputStream out = socket.getOutputStream();
            out.write("not a service\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // The client gave up first: that is its answer.
        }
    }
}
