package dev.lethe.vault.audit;

/**
 * Where the vault reports the events that must end up in the audit trail. The application implements it
 * by appending to the tamper-evident audit chain. Events never carry values, tokens or raw subject ids.
 *
 * <p>Calls are synchronous and fail-closed: the vault reports a detokenization before it returns any
 * value, and if this throws, the caller gets the exception and no value. Implementations must be
 * thread-safe.
 */
public interface VaultAudit {

    /** Values were revealed (or found erased) for a principal. */
    void detokenized(TokensDetokenized event);

    /** A detokenization was refused for lack of permission; nothing was revealed. */
    void detokenizationDenied(DetokenizationDenied event);

    /** A shred was requested; its outcome says whether a key was destroyed. */
    void shredded(SubjectShredded event);
}
