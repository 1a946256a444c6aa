package dev.lethe.connectors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.mariadb.MariaDbConnectorType;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new connection that says nothing about TLS gets verified TLS; no TLS must be asked for by name. */
class ConnectionTlsDefaultsTest {

    static final String CA = """
            -----BEGIN CERTIFICATE-----
            MIIBiDCCAS2gAwIBAgIUbtJTQRIjzdeFZ1MtXWw8SkvFKJAwCgYIKoZIzj0EAwIw
            GDEWMBQGA1UEAwwNTGV0aGUgdGVzdCBDQTAgFw0yNjEyMDMwMDQ1MTBaGA8yMTI2
            MTEwOTAwNDUxMFowGDEWMBQGA1UEAwwNTGV0aGUgdGVzdCBDQTBZMBMGByqGSM49
            AgEGCCqGSM49AwEHA0IABHjs9h/tevmomyFA4ZYttT3Skdjz44NrdfE+JisionEj
            kcAWIEuzZeYSFNsRxrBJlE19NUAzwhIq4q7Tx/17GFajUzBRMB0GA1UdDgQWBBSY
            tXfHDhTf2CxJpjcdZaluY1nnjzAfBgNVHSMEGDAWgBSYtXfHDhTf2CxJpjcdZalu
            Y1nnjzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQD3a6ZmchrS
            pqKfKSmqORsj/QcTFDzEQswDYBl/P6ckKQIhAM92IGIreGnOdc2QcZztHBorMBtX
            SPuhvoRwRyzCa6Tk
            -----END CERTIFICATE-----
            """;

    @Test
    void databasesVerifyTheCertificateAndTheHostNameUnlessTheConnectionSaysOtherwise() {
        for (ConnectorType type : new ConnectorType[] {new MariaDbConnectorType(), new PostgresConnectorType()}) {
            assertThat(field(type, "ssl-mode").defaultValue()).as(type.name()).isEqualTo("verify-full");
            assertThat(type.allowedValues().get("ssl-mode"))
                    .as(type.name())
                    .startsWith("verify-full")
                    .contains("disable");
            assertThat(field(type, "ca-certificate").defaultValue()).isNull();
            assertThat(field(type, "ca-certificate").secret()).isFalse();
        }
    }

    @Test
    void aCaCertificateIsPemAndSurvivesAFormThatFlattenedItsLines() {
        assertThat(CaCertificate.pem(CA)).isEqualTo(CA);
        assertThat(CaCertificate.pem(CA.replace('\n', ' '))).isEqualTo(CA);
        assertThat(CaCertificate.problem("not a certificate")).isPresent();
        assertThat(CaCertificate.problem(CA.replace("MIIBiDCC", "MIIBiDCD"))).isPresent();
        assertThat(CaCertificate.problem(CA + "trailing")).isPresent();

        var type = new MariaDbConnectorType();
        assertThatThrownBy(() -> type.configure(Map.of(
                        "host", "db.internal", "database", "shop", "user", "lethe", "ca-certificate", "secret-ish")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactly("ca-certificate"));
    }

    private static ConfigField field(ConnectorType type, String name) {
        return type.fields().stream()
                .filter(field -> field.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
