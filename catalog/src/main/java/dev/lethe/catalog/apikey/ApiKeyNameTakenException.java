package dev.lethe.catalog.apikey;

/** Another key of the tenant that is not revoked already has this name. */
public final class ApiKeyNameTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiKeyNameTakenException() {
        super("Another key of this tenant already has this name");
    }
}
