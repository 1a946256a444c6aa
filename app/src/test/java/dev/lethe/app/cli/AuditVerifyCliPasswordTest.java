package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lethe audit verify} takes the database password from {@code SPRING_DATASOURCE_PASSWORD}
 * only: a password on the command line is in {@code ps} for every user of the machine and in the
 * shell's history, so one given there is refused before anything runs, and not repeated in the
 * message. The database here is a stand-in that asks for a cleartext password and records it.
 */
class AuditVerifyCliPasswordTest {

    private static final String SECRET = "s3cret-from-the-environment";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void thePasswordSentToTheDatabaseComesFromTheEnvironment() throws Exception {
        try (var database = new PasswordRecordingDatabase()) {
            int exit = run(
                    Map.of("SPRING_DATASOURCE_URL", database.url(), "SPRING_DATASOURCE_PASSWORD", SECRET),
                    "--db-user",
                    "auditor",
                    "--skip-anchors");

            assertThat(database.password()).isEqualTo(SECRET);
            // The stand-in refuses everyone after recording: the check could not run.
            assertThat(exit).isEqualTo(AuditVerifyCli.CANNOT_RUN);
            assertThat(err()).doesNotContain(SECRET);
        }
    }

    @Test
    void aPasswordOptionIsRefusedBeforeAnyConnectionAndNotRepeated() throws Exception {
        for (String[] args : new String[][] {
            {"--db-password", SECRET},
            {"--db-password=" + SECRET},
            {"--password", SECRET},
            {"--PASSWORD=" + SECRET},
            {"--tenant", "acme", "--db-pass", SECRET},
            {"--pwd=" + SECRET}
        }) {
            out.reset();
            err.reset();
            try (var database = new PasswordRecordingDatabase()) {
                int exit = run(Map.of("SPRING_DATASOURCE_URL", database.url()), args);

                assertThat(exit).as(String.join(" ", args)).isEqualTo(AuditVerifyCli.CANNOT_RUN);
                assertThat(err()).contains("SPRING_DATASOURCE_PASSWORD").doesNotContain(SECRET);
                assertThat(database.connected()).as("no connection is tried").isFalse();
            }
        }
    }

    @Test
    void aPasswordInTheDatabaseUrlArgumentIsRefused() throws Exception {
        try (var database = new PasswordRecordingDatabase()) {
            int exit = run(Map.of(), "--db-url", database.url() + "?sslmode=disable&password=" + SECRET);

            assertThat(exit).isEqualTo(AuditVerifyCli.CANNOT_RUN);
            assertThat(err()).contains("SPRING_DATASOURCE_PASSWORD").doesNotContain(SECRET);
            assertThat(database.connected()).isFalse();
        }
    }

    @Test
    void anUnknownOptionIsNamedWithoutItsValue() {
        int exit = run(Map.of(), "--db-secret=" + SECRET);

        assertThat(exit).isEqualTo(AuditVerifyCli.CANNOT_RUN);
        assertThat(err()).contains("'--db-secret'").doesNotContain(SECRET);
    }

    @Test
    void aPasswordInTheEnvironmentsUrlIsNotPrinted() {
        int exit = run(
                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/lethe?password=" + SECRET),
                "--skip-anchors");

        assertThat(exit).isEqualTo(AuditVerifyCli.CANNOT_RUN);
        assertThat(err()).contains("password=***").doesNotContain(SECRET);
    }

    private int run(Map<String, String> env, String... args) {
        return AuditVerifyCli.run(
                args,
                new HashMap<>(env),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Speaks just enough of PostgreSQL's protocol (v3) to ask the client for a cleartext password, then
     * records it and refuses the sign-in.
     */
    private static final class PasswordRecordingDatabase implements AutoCloseable {

        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;

        private final ServerSocket server;
        private final CompletableFuture<String> password = new CompletableFuture<>();
        private volatile boolean connected;

        PasswordRecordingDatabase() throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            Thread.ofVirtual().start(this::serve);
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/lethe";
        }

        boolean connected() {
            return connected;
        }

        String password() throws Exception {
            return password.get(30, TimeUnit.SECONDS);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connected = true;
                    socket.setSoTimeout(10_000);
                    var in = new DataInputStream(socket.getInputStream());
                    var reply = new DataOutputStream(socket.getOutputStream());
                    int length = in.readInt();
                    int code = in.readInt();
                    while (code == SSL_REQUEST || code == GSS_REQUEST) {
                        reply.writeByte('N');
                        reply.flush();
                        length = in.readInt();
                        code = in.readInt();
                    }
                    in.skipNBytes(length - 8);
                    reply.writeByte('R');
                    reply.writeInt(8);
                    reply.writeInt(3); // AuthenticationCleartextPassword
                    reply.flush();
                    if (in.readByte() == 'p') {
                        byte[] body = new byte[in.readInt() - 4];
                        in.readFully(body);
                        password.complete(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                    }
                    byte[] error =
                            "SFATAL\0C28P01\0Mpassword authentication failed\0\0".getBytes(StandardCharsets.UTF_8);
                    reply.writeByte('E');
                    reply.writeInt(4 + error.length);
                    reply.write(error);
                    reply.flush();
                } catch (IOException e) {
                    // The client went away, or the server was closed.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
