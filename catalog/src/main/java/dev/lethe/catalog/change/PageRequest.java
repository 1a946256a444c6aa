package dev.lethe.catalog.change;

/** A slice of a list in its stable order: skip {@code offset} rows, return at most {@code limit} (1..1000). */
public record PageRequest(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    /** Everything, for internal readers such as the record of processing. */
    public static final PageRequest ALL = new PageRequest(0, Integer.MAX_VALUE);

    public PageRequest {
        if (offset < 0) {
            throw new InvalidInputException("offset must not be negative");
        }
        if (limit < 1) {
            throw new InvalidInputException("limit must be at least 1");
        }
    }

    /** A page a client asked for; the limit is capped at {@link #MAX_LIMIT}. */
    public static PageRequest of(int offset, int limit) {
        if (limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be at most " + MAX_LIMIT);
        }
        return new PageRequest(offset, limit);
    }
}
