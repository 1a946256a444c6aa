package dev.lethe.vault;

/** The principal lacks the permission the call needs (REST: 403). The attempt is audited. */
public final class PermissionDeniedException extends VaultException {
    public PermissionDeniedException(String permission) {
        super("permission required: " + permission);
    }
}
