package dev.lethe.catalog.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.change.InvalidInputException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErasureRuleDraftTest {

    private static final UUID DATASET = UUID.randomUUID();

    @Test
    void wholeRecordsAreDeletedOrRetained() {
        assertThat(new ErasureRuleDraft(DATASET, null, null, "delete_row", null, null, null).strategy())
                .isEqualTo("DELETE_ROW");
        assertThat(new ErasureRuleDraft(DATASET, null, " ", "RETAIN", "HGB §257", "P10Y", null).fieldPath())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "MASK", "HASH", "TOKENIZE", "REDACT_TEXT"})
    void fieldStrategiesAreRefusedForWholeRecords(String strategy) {
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, null, strategy, null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DELETE_ROW or RETAIN");
        assertThat(new ErasureRuleDraft(DATASET, null, "email", strategy, null, null, null).strategy())
                .isEqualTo(strategy);
        assertThat(new ErasureRuleDraft(null, "contact.email", null, strategy, null, null, null).strategy())
                .isEqualTo(strategy);
    }

    @Test
    void deleteRowIsNoRuleForAFieldOrACategory() {
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, "email", "DELETE_ROW", null, null, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ErasureRuleDraft(null, "contact.email", null, "DELETE_ROW", null, null, null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void retainNeedsItsLegalReasonAndAtMostOneEnd() {
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, null, "RETAIN", " ", null, null))
                .hasMessageContaining("reason is required");
        assertThatThrownBy(() -> new ErasureRuleDraft(
                        DATASET, null, null, "RETAIN", "tax", "P10Y", Instant.parse("2036-01-01T00:00:00Z")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, null, "RETAIN", "tax", "ten years", null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void onlyRetainHasAReasonOrAnEnd() {
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, "email", "MASK", "because", null, null))
                .hasMessageContaining("Only a RETAIN rule");
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, null, "DELETE_ROW", null, "P1Y", null))
                .hasMessageContaining("Only a RETAIN rule");
    }

    @Test
    void aRuleTargetsADatasetOrACategoryAndAFieldOnlyOfADataset() {
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, "contact.email", null, "MASK", null, null, null))
                .hasMessageContaining("either datasetId or dataCategory");
        assertThatThrownBy(() -> new ErasureRuleDraft(null, null, null, "MASK", null, null, null))
                .hasMessageContaining("either datasetId or dataCategory");
        assertThatThrownBy(() -> new ErasureRuleDraft(null, "contact.email", "email", "MASK", null, null, null))
                .hasMessageContaining("fieldPath");
        assertThatThrownBy(() -> new ErasureRuleDraft(DATASET, null, null, "SHRED", null, null, null))
                .hasMessageContaining("strategy must be one of");
    }
}
