package dev.lethe.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresTlsTest {

    private static final Path CA = Path.of("/etc/lethe/pg-ca.pem");

    @Test
    void addsTheDriversParametersReplacingThoseOfTheSameName() {
        var tls = new PostgresTls("verify-full", CA, null, null);

        assertThat(tls.applyTo("jdbc:postgresql://db:5432/lethe"))
                .isEqualTo("jdbc:postgresql://db:5432/lethe?sslmode=verify-full&sslrootcert=/etc/lethe/pg-ca.pem");
        assertThat(tls.applyTo("jdbc:postgresql://db:5432/lethe?sslmode=disable&ApplicationName=lethe"))
                .isEqualTo("jdbc:postgresql://db:5432/lethe?ApplicationName=lethe&sslmode=verify-full"
                        + "&sslrootcert=/etc/lethe/pg-ca.pem");
    }

    @Test
    void unsetLeavesTheUrlAsWritten() {
        assertThat(PostgresTls.none().applyTo("jdbc:postgresql://db/lethe?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/lethe?sslmode=require");
    }

    @Test
    void verificationWithoutARootCertificateOrAHalfClientPairFailsNamingTheProperty() {
        assertThatThrownBy(() -> new PostgresTls("verify-full", null, null, null))
                .hasMessageContaining("lethe.tls.postgres.root-cert");
        assertThatThrownBy(() -> new PostgresTls("require", null, Path.of("client.crt"), null))
                .hasMessageContaining("lethe.tls.postgres.key");
        assertThatThrownBy(() -> new PostgresTls("verify-everything", CA, null, null))
                .hasMessageContaining("lethe.tls.postgres.mode");
    }
}
