package dev.lethe.connectors.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.infra.testing.MariaDbExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection that says nothing about TLS asks for verified TLS: against the test MariaDB, which has
 * none, it is refused before the password or any identity is sent, with a problem that says what to
 * change; the same connection with the stated opt-out ({@code ssl-mode: disable}) works.
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbTlsIT {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final String PASSWORD = "tls-pass-" + UUID.randomUUID();
    private static final String EMAIL = "tls-subject@example.org";

    private static TestDatabase database;
    private static String user;

    @BeforeAll
    static void userWithAPassword() throws SQLException {
        database = TestDatabase.create("tls");
        database.execute("create table customers (id bigint primary key, email varchar(255) not null);"
                + " insert into customers values (1, '" + EMAIL + "');");
        user = UniqueNames.of("tls").replace('-', '_');
        database.execute("create user '" + user + "'@'%' identified by '" + PASSWORD + "';" + " grant select on `"
                + database.name() + "`.* to '" + user + "'@'%';");
    }

    @Test
    void byDefaultAServerWithoutTlsIsRefusedWithAProblemThatNamesTheFixAndNoValue() {
        try (Connector connector = open("")) {
            TestResult result = connector.test(context());

            TestResult.Check connect = result.checks().stream()
                    .filter(check -> check.name().equals("connect and sign in"))
                    .findFirst()
                    .orElseThrow();
            assertThat(connect.passed()).isFalse();
            assertThat(connect.message()).contains("TLS could not be set up").contains("ssl-mode disable");
            assertThat(result.toString()).doesNotContain(PASSWORD);

            SubjectMap map = new SubjectMap(Map.of(database.dataset("customers"), Map.of("email", "email")), List.of());
            assertThatThrownBy(
                            () -> ((Locating) connector).locate(context(), new Identities(Map.of("email", EMAIL)), map))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.isRetriable()).isFalse();
                        assertThat(e.getMessage())
                                .contains("TLS could not be set up")
                                .doesNotContain(PASSWORD)
                                .doesNotContain(EMAIL);
                    });
        }
    }

    @Test
    void theStatedOptOutReachesTheSameServerWithoutTls() {
        try (Connector connector = open("disable")) {
            TestResult result = connector.test(context());

            assertThat(result.passed()).as(result.toString()).isTrue();
        }
    }

    private static Connector open(String sslMode) {
        return database.open(
                Map.of("user", user, "password", PASSWORD, "ssl-mode", sslMode),
                new ConnectorRuntime(database.guard(), CLASSIFIER));
    }

    private static OperationContext context() {
        return OperationContext.of(UUID.randomUUID(), "tls-" + UUID.randomUUID());
    }
}
