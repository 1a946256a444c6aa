package dev.lethe.ingest;

import java.util.Set;

/**
 * The purposes a data subject objected to (GDPR Art. 21), and whether it is restricted (Art. 18), by the
 * keyed hash ingest computes for a stream's subject field. Ingest marks each protected record of such a subject with them (header
 * {@link #HEADER}), so that a consumer implementing a flow for one of those purposes leaves the record
 * out without asking Lethe per record. Implementations cache: called for every record.
 */
public interface ObjectedPurposes {

    /** The header on a protected record: the purposes objected to, comma-separated, sorted. */
    String HEADER = "lethe.objected-purposes";

    /** The header on a protected record whose subject is restricted (Art. 18: stored, not otherwise used): {@code true}. */
    String RESTRICTED_HEADER = "lethe.restricted";

    /** Nobody objected: for tests and passthrough. */
    ObjectedPurposes NONE = (tenant, subjectHash) -> Set.of();

    /**
     * @param tenant the stream's tenant (its id as text)
     * @param subjectHash the vault's subject hash of the record's subject field
     */
    Set<String> of(String tenant, String subjectHash);

    /** Whether the subject is restricted (GDPR Art. 18), not lifted: its records are marked {@link #RESTRICTED_HEADER}. */
    default boolean restricted(String tenant, String subjectHash) {
        return false;
    }
}
