package dev.lethe.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.change.InvalidInputException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionDraftTest {

    @Test
    void anonymizeWritesNullUnlessThePolicySaysMaskOrHash() {
        assertThat(draft(null).anonymizeWith()).isEqualTo("NULL");
        assertThat(draft("hash").anonymizeWith()).isEqualTo("HASH");
        assertThat(new RetentionDraft("Old", UUID.randomUUID(), null, "P1Y", null, "created_at", null, null, null, null)
                        .anonymizeWith())
                .as("the form without it")
                .isEqualTo("NULL");
        assertThatThrownBy(() -> draft("SCRAMBLE"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("anonymizeWith");
    }

    private static RetentionDraft draft(String anonymizeWith) {
        return new RetentionDraft(
                "Orders",
                UUID.randomUUID(),
                null,
                "P1Y",
                null,
                "created_at",
                "ANONYMIZE",
                null,
                null,
                null,
                anonymizeWith);
    }
}
