package dev.lethe.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lethe up} with unusable first-start settings stops at once, naming the setting and never its
 * value, before any local service starts: a bad value costs seconds, not a full start-up.
 */
class FirstStartSettingsIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dataDir;

    @Test
    void aCommonAdminPasswordStopsTheStartBeforeAnyService() throws Exception {
        String log = up("admin@example.org", "password1234");

        assertThat(log)
                .contains(
                        "LETHE_ADMIN_PASSWORD (lethe.signin.admin-password): This password is one of the most commonly used")
                .doesNotContain("password1234");
    }

    @Test
    void anEmailWithoutAPasswordStopsTheStartBeforeAnyService() throws Exception {
        String log = up("admin@example.org", null);

        assertThat(log).contains("LETHE_ADMIN_EMAIL (lethe.signin.admin-email) and LETHE_ADMIN_PASSWORD");
    }

    private String up(String email, String password) throws Exception {
        Path output = dataDir.resolve("lethe-up.log");
        var builder = new ProcessBuilder(List.of(
                        "bash",
                        ROOT.resolve("lethe").toString(),
                        "up",
                        "--data-dir",
                        dataDir.resolve("data").toString(),
                        "--port",
                        Integer.toString(freePort()),
                        "--lethe.infra.postgres.port=" + freePort()))
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("LETHE_ADMIN_EMAIL", email);
        if (password != null) {
            builder.environment().put("LETHE_ADMIN_PASSWORD", password);
        } else {
            builder.environment().remove("LETHE_ADMIN_PASSWORD");
        }
        Instant started = Instant.now();
        Process lethe = builder.start();

        assertThat(lethe.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Duration took = Duration.between(started, Instant.now());
        String log = Files.readString(output);
        assertThat(lethe.exitValue()).as(log).isNotZero();
        assertThat(log).contains("Lethe's settings are not usable");
        // No service was started: PostgreSQL would have made its directory under the data directory.
        assertThat(Files.exists(dataDir.resolve("data").resolve("postgres")))
                .as("no PostgreSQL data directory")
                .isFalse();
        assertThat(took).as("stopped in seconds").isLessThan(Duration.ofSeconds(60));
        return log;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
