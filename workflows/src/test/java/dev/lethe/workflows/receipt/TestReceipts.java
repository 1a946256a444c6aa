package dev.lethe.workflows.receipt;

import dev.lethe.workflows.receipt.ErasureReceipt.DatasetResult;
import dev.lethe.workflows.receipt.ErasureReceipt.SystemResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A receipt with a bit of everything: erased, retained, held back, an exception. */
final class TestReceipts {

    private TestReceipts() {}

    static ErasureReceipt sample(UUID tenantId, UUID requestId) {
        return new ErasureReceipt(
                UUID.nameUUIDFromBytes(("receipt:" + requestId).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                requestId,
                tenantId,
                Instant.parse("2026-12-02T03:00:00Z"),
                "GDPR",
                Map.of("email", "9f2c0a", "customer_id", "77ab01"),
                List.of(
                        new SystemResult(
                                "shop",
                                List.of(
                                        new DatasetResult("customers", 1, 1, 0, null, 0, null, 0L),
                                        new DatasetResult("invoices", 4, 0, 4, "HGB §257: 10 years", 0, null, 0L)),
                                List.of()),
                        new SystemResult(
                                "crm",
                                List.of(new DatasetResult("contacts", 2, 0, 0, null, 2, "Litigation hold L-7", null)),
                                List.of("skipped: system unreachable, skipped by an officer"))));
    }
}
