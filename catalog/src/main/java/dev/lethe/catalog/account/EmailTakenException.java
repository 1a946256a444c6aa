package dev.lethe.catalog.account;

/** Another account of the tenant already has this e-mail address (whatever its case). */
public final class EmailTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmailTakenException() {
        super("An account with this e-mail address already exists");
    }
}
