package dev.lethe.workflows.run;

/**
 * Where a request's recipients (Art. 19) stand, for its workflow: counts only.
 *
 * @param total the recipients the request tells
 * @param open those that have neither acknowledged nor been waived
 * @param waived those an officer waived (why is in the request): exceptions of the request
 */
public record RecipientSummary(int total, int open, int waived) {

    public static final RecipientSummary NONE = new RecipientSummary(0, 0, 0);
}
