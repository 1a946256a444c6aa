package dev.lethe.vault;

/** What a shred call found. Every outcome leaves the subject without a key. */
public enum ShredOutcome {
    /** The subject's key existed and is now destroyed. */
    SHREDDED,
    /** An earlier call already destroyed it and no new key was created since. */
    ALREADY_SHREDDED,
    /** The subject never had a key: nothing of theirs was ever tokenized. */
    NO_KEY
}
