package dev.lethe.connectors.spi;

/** A connector that can correct a subject's value (GDPR Art. 16). */
public interface Rectifying {

    /**
     * Sets {@code field} of the subject's records in {@code dataset} to {@code newValue}. Idempotent:
     * records that already hold the value are not changed, and are not counted.
     *
     * @return how many records changed
     */
    long rectify(
            OperationContext context,
            Identities subject,
            SubjectMap map,
            String dataset,
            String field,
            String newValue);
}
