package dev.lethe.workflows.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an erasure did, per system and dataset, as Lethe signs it: found, erased, retained (and why),
 * held back by a legal hold (and why), and what verification found left. The subject appears only as
 * the vault's keyed hashes of their identities (type → hash), so the receipt identifies nobody to a
 * reader without the tenant's key, yet proves which subject it is about to one who has it.
 */
public record ErasureReceipt(
        UUID receiptId,
        UUID requestId,
        UUID tenantId,
        Instant issuedAt,
        String regulation,
        Map<String, String> subject,
        List<SystemResult> systems) {

    public ErasureReceipt {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(regulation, "regulation");
        subject = Map.copyOf(new TreeMap<>(subject));
        systems = List.copyOf(systems);
    }

    /** True when every system verified clean and nothing was retained, held back or failed. */
    public boolean complete() {
        return systems.stream().allMatch(SystemResult::complete);
    }

    /** @param exceptions what could not be done in the system and why (skipped, failed) */
    public record SystemResult(String system, List<DatasetResult> datasets, List<String> exceptions) {
        public SystemResult {
            Objects.requireNonNull(system, "system");
            datasets = List.copyOf(datasets);
            exceptions = List.copyOf(exceptions);
        }

        boolean complete() {
            return exceptions.isEmpty() && datasets.stream().allMatch(DatasetResult::complete);
        }
    }

    /**
     * @param retainedReason why records were retained (legal obligation, erasure rule), null when none
     * @param heldBackReason the legal hold that kept records, null when none
     * @param remaining what verification found left of what should be gone; null when not verified
     */
    public record DatasetResult(
            String dataset,
            long found,
            long erased,
            long retained,
            String retainedReason,
            long heldBack,
            String heldBackReason,
            Long remaining) {
        public DatasetResult {
            Objects.requireNonNull(dataset, "dataset");
            if (found < 0 || erased < 0 || retained < 0 || heldBack < 0 || (remaining != null && remaining < 0)) {
                throw new IllegalArgumentException("counts are not negative");
            }
            if (retained > 0 && (retainedReason == null || retainedReason.isBlank())) {
                throw new IllegalArgumentException("retained records need a reason");
            }
            if (heldBack > 0 && (heldBackReason == null || heldBackReason.isBlank())) {
                throw new IllegalArgumentException("records held back need the hold's reason");
            }
        }

        boolean complete() {
            return retained == 0 && heldBack == 0 && remaining != null && remaining == 0;
        }
    }
}
