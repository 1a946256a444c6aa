package dev.lethe.catalog.audit;

/**
 * The outcome of checking a tenant's audit chain from its first entry to its head.
 *
 * @param entries how many entries were checked (all of them when intact)
 * @param head the last entry's hash when intact, else null
 * @param firstBrokenSeq the first entry that does not verify, else null
 * @param reason why that entry does not verify, else null
 */
public record ChainVerification(boolean intact, long entries, String head, Long firstBrokenSeq, String reason) {

    static ChainVerification intact(long entries, String head) {
        return new ChainVerification(true, entries, head, null, null);
    }

    static ChainVerification broken(long checked, long seq, String reason) {
        return new ChainVerification(false, checked, null, seq, reason);
    }
}
