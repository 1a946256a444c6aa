package dev.lethe.vault;

/**
 * The token belongs to a data subject whose key was shredded: the value is gone for good (REST: 410
 * Gone). Distinct from a malformed or tampered token.
 */
public final class SubjectErasedException extends VaultException {
    public SubjectErasedException() {
        super("the data subject of this token was erased");
    }
}
