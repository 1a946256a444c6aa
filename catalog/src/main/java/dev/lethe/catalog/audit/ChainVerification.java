package dev.lethe.catalog.audit;

/**
 * The outcome of checking a tenant's audit chain from its first entry to its head.
 *
 * @param outcome intact, broken, or not proven either way (rows unreadable, anchors unreadable)
 * @param entries how many entries were checked (all of them when intact)
 * @param head the last entry's hash when intact, else null
 * @param firstBrokenSeq the first entry that does not verify when broken, else null
 * @param reason why it is not intact, else null
 * @param anchors whether the chain was checked against the checkpoints anchored outside the database
 * @param anchoredSeq the highest sequence number an anchored checkpoint vouches for, null if none
 */
public record ChainVerification(
        Outcome outcome,
        long entries,
        String head,
        Long firstBrokenSeq,
        String reason,
        AnchorCheck anchors,
        Long anchoredSeq) {

    public enum Outcome {
        /** Every entry verifies, against the stored checkpoints and (when checked) the anchors. */
        INTACT,
        /** An entry does not verify, or entries that a checkpoint or an anchor vouches for are missing. */
        BROKEN,
        /** Entries exist that this database role could not read: nothing is proven. */
        UNREADABLE,
        /** The chain in the database verifies, but the anchors could not be read: not proven. */
        UNCONFIRMED
    }

    public enum AnchorCheck {
        CHECKED,
        /** The caller chose not to check them (said so in every report). */
        NOT_CHECKED,
        UNAVAILABLE
    }

    /** True only when the chain is proven intact. */
    public boolean intact() {
        return outcome == Outcome.INTACT;
    }

    static ChainVerification intact(long entries, String head, AnchorCheck anchors, Long anchoredSeq) {
        return new ChainVerification(Outcome.INTACT, entries, head, null, null, anchors, anchoredSeq);
    }

    static ChainVerification broken(long checked, long seq, String reason, AnchorCheck anchors, Long anchoredSeq) {
        return new ChainVerification(Outcome.BROKEN, checked, null, seq, reason, anchors, anchoredSeq);
    }

    static ChainVerification notProven(
            Outcome outcome, long checked, String reason, AnchorCheck anchors, Long anchoredSeq) {
        return new ChainVerification(outcome, checked, null, null, reason, anchors, anchoredSeq);
    }
}
