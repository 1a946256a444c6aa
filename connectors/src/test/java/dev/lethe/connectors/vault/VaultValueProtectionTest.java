package dev.lethe.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.spi.Identities;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaultValueProtectionTest {

    private final VaultValueProtection protection = new VaultValueProtection(null);

    @Test
    void vaultTokensAndHashesAreRecognisedAsProtected() {
        assertThat(protection.isProtected("tok_email_AX3fQ1b2c3d4e5f6g7h8")).isTrue();
        assertThat(protection.isProtected("hsh_name_0123456789abcdefABCDEF-_")).isTrue();
        assertThat(protection.isProtected("customer7@example.org")).isFalse();
        assertThat(protection.isProtected("tok_email_short")).isFalse();
        assertThat(protection.isProtected(null)).isFalse();
    }

    @Test
    void theVaultSubjectIsTheIdentityWhoseTypeSortsFirst() {
        Identities subject = new Identities(Map.of("email", "customer7@example.org", "customer_id", "7"));

        assertThat(VaultValueProtection.vaultSubject(subject)).isEqualTo("7");
        assertThat(VaultValueProtection.vaultSubject(Identities.of("email", "customer7@example.org")))
                .isEqualTo("customer7@example.org");
    }
}
