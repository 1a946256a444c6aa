package dev.lethe.connectors.spi;

/** A connector that can erase a subject's records by a plan. */
public interface Erasing {

    /**
     * Applies {@code plan} to the subject's records, all or nothing where the system has transactions.
     * Idempotent: a second run for the same subject changes nothing (values already erased are left as
     * they are) and reports 0 changed records.
     */
    ErasureReport erase(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan);
}
