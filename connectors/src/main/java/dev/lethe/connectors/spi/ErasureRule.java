package dev.lethe.connectors.spi;

import java.util.Objects;

/**
 * One line of an erasure plan: for a dataset's records of the subject ({@code field == null}) delete
 * or retain them; for one field, how to erase it.
 *
 * @param category the field's data category, needed by HASH and TOKENIZE (the vault keys by it)
 * @param reason why a RETAIN keeps what it keeps; required for RETAIN, absent otherwise
 */
public record ErasureRule(String dataset, String field, ErasureStrategy strategy, String category, String reason) {

    public ErasureRule {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(strategy, "strategy");
        if (field == null && strategy != ErasureStrategy.DELETE_ROW && strategy != ErasureStrategy.RETAIN) {
            throw new IllegalArgumentException(
                    dataset + ": a rule for whole records deletes or retains them, not " + strategy);
        }
        if (field != null && strategy == ErasureStrategy.DELETE_ROW) {
            throw new IllegalArgumentException(dataset + "." + field + ": DELETE_ROW is a rule for whole records");
        }
        if ((strategy == ErasureStrategy.RETAIN) != (reason != null && !reason.isBlank())) {
            throw new IllegalArgumentException(
                    dataset + (field == null ? "" : "." + field) + ": RETAIN needs a reason, and only RETAIN has one");
        }
        if ((strategy == ErasureStrategy.HASH || strategy == ErasureStrategy.TOKENIZE) && category == null) {
            throw new IllegalArgumentException(dataset + "." + field + ": " + strategy + " needs the field's category");
        }
    }

    public static ErasureRule deleteRecords(String dataset) {
        return new ErasureRule(dataset, null, ErasureStrategy.DELETE_ROW, null, null);
    }

    public static ErasureRule retainRecords(String dataset, String reason) {
        return new ErasureRule(dataset, null, ErasureStrategy.RETAIN, null, reason);
    }

    public static ErasureRule field(String dataset, String field, ErasureStrategy strategy, String category) {
        return new ErasureRule(dataset, Objects.requireNonNull(field, "field"), strategy, category, null);
    }

    public static ErasureRule retainField(String dataset, String field, String reason) {
        return new ErasureRule(dataset, Objects.requireNonNull(field, "field"), ErasureStrategy.RETAIN, null, reason);
    }
}
