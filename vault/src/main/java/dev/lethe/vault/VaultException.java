package dev.lethe.vault;

/**
 * Base of the vault's expected failures. Messages are safe to show to callers: they never contain a
 * value, a token, a subject id or key material.
 */
public abstract sealed class VaultException extends RuntimeException
        permits InvalidInputException, SubjectErasedException, PermissionDeniedException {

    protected VaultException(String message) {
        super(message);
    }
}
