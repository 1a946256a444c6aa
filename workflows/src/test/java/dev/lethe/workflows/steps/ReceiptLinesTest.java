package dev.lethe.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceiptLinesTest {

    private static final SystemProgress SHOP = new SystemProgress(
            UUID.randomUUID(), UUID.randomUUID(), "shop", "postgresql", SystemState.DONE, 4, null, null, 0);

    @Test
    void recordsThePlanKeepsCountAsRetainedWithItsReasonEvenWhenFieldsOfThemWereErased() {
        SystemErasurePlan plan = new SystemErasurePlan(
                UUID.randomUUID(),
                new ErasurePlan(List.of(
                        ErasureRule.deleteRecords("orders"),
                        ErasureRule.field("invoices", "billing_email", ErasureStrategy.MASK, "contact.email"))),
                List.of(new SystemErasurePlan.Retained("invoices", null, "HGB 257", null, "P10Y")),
                List.of(),
                List.of());
        Map<String, Object> outcome = Map.of(
                "erased",
                List.of(
                        Map.of("dataset", "orders", "strategy", "DELETE_ROW", "records", 2),
                        Map.of("dataset", "invoices", "field", "billing_email", "strategy", "MASK", "records", 1)));
        Map<String, Object> verification = Map.of("remaining", List.of());

        ErasureReceipt.SystemResult result = ReceiptLines.of(SHOP, Optional.of(plan), outcome, verification);

        assertThat(result.datasets())
                .containsExactly(
                        new ErasureReceipt.DatasetResult("invoices", 1, 0, 1, "HGB 257", 0, null, 0L),
                        new ErasureReceipt.DatasetResult("orders", 2, 2, 0, null, 0, null, 0L));
        assertThat(result.exceptions()).isEmpty();
    }

    @Test
    void whatVerificationStillFindsIsRemainingAndASkipIsAnException() {
        SystemProgress skipped = SHOP.withState(SystemState.SKIPPED, "decommissioned");
        Map<String, Object> outcome =
                Map.of("erased", List.of(Map.of("dataset", "orders", "strategy", "DELETE_ROW", "records", 2)));
        Map<String, Object> verification =
                Map.of("remaining", List.of(Map.of("dataset", "orders", "records", 1, "expected", false)));

        ErasureReceipt.SystemResult result = ReceiptLines.of(skipped, Optional.empty(), outcome, verification);
        ErasureReceipt receipt = new ErasureReceipt(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                Instant.EPOCH,
                "GDPR",
                Map.of(),
                List.of(result));

        assertThat(result.datasets().getFirst().remaining()).isEqualTo(1L);
        assertThat(result.exceptions()).containsExactly("skipped: decommissioned");
        assertThat(ReceiptLines.exceptions(receipt)).isEqualTo(2);
    }

    @Test
    void aSystemWhereNothingOfTheSubjectWasFoundIsNoException() {
        SystemProgress nothing = SHOP.withState(SystemState.SKIPPED, Scoping.NOTHING_FOUND);

        assertThat(ReceiptLines.of(nothing, Optional.empty(), null, null).exceptions())
                .isEmpty();
    }
}
