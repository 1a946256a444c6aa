package dev.lethe.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityHashesTest {

    @Test
    void emailAddressesDifferingInCaseAndSpaceAreOnePerson() {
        assertThat(IdentityHashes.normalize("email", " Ann@Example.COM ")).isEqualTo("ann@example.com");
    }

    @Test
    void phoneNumbersAreComparedByTheirDigits() {
        assertThat(IdentityHashes.normalize("phone", "+49 (151) 2345-6789")).isEqualTo("+4915123456789");
        assertThat(IdentityHashes.normalize("phone", "0151 2345 6789")).isEqualTo("015123456789");
    }

    @Test
    void otherIdentifiersKeepTheirCase() {
        assertThat(IdentityHashes.normalize("customer_id", " Cust-42 ")).isEqualTo("Cust-42");
    }

    @Test
    void identitiesAreLookedUpTrimmedWithEmailAddressesInLowerCase() {
        var typed = new dev.lethe.connectors.spi.Identities(
                java.util.Map.of("email", " Ann@Example.ORG ", "phone", " +49 (30) 1234 ", "customer_id", "Cust-42"));

        assertThat(IdentityHashes.asSystemsKeepThem(typed).values())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "email", "ann@example.org", "phone", "+49 (30) 1234", "customer_id", "Cust-42"));
    }
}
