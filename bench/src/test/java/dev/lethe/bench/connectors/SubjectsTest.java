package dev.lethe.bench.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void aCustomerIsKnownByTheSameEmailAndIdEverywhere() {
        assertThat(Subjects.of(42).values())
                .containsEntry("email", "customer42@example.org")
                .containsEntry("customer_id", "42");
    }

    @Test
    void pickedSubjectsAreDifferentCustomersWithinTheRowsAndRepeatable() {
        var picked = Subjects.pick(50, 60, 7);

        assertThat(picked).hasSize(50).doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= 60);
        assertThat(Subjects.pick(50, 60, 7)).isEqualTo(picked);
    }
}
