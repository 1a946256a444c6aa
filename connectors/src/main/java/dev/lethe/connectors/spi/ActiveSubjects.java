package dev.lethe.connectors.spi;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * For a purge whose clock is the subject's last activity (an EVENT clock): the subjects who were active at or
 * after the cutoff, as the purge of one dataset sees them — the dataset's identity fields (field → identity
 * type) and a test on one identity value. A record with a value of an active subject in one of those fields is
 * not expired, however old its own activity field is: its subject's newest activity is recent. It is neither
 * changed nor counted (it is not held either: it simply has not expired). Like {@link HeldSubjects}, the caller
 * answers the test from keyed hashes, so the connector learns no identity it did not read itself.
 *
 * @param isActive {@code isActive.test(identityType, value)}: whether that identity was active since the cutoff
 */
public record ActiveSubjects(Map<String, String> identityFields, BiPredicate<String, String> isActive) {

    /** A FIELD clock: every record's own clock value decides. */
    public static final ActiveSubjects NONE = new ActiveSubjects(Map.of(), (type, value) -> false);

    public ActiveSubjects {
        identityFields = Map.copyOf(identityFields);
        Objects.requireNonNull(isActive, "isActive");
    }

    /** Whether any record can belong to an active subject: false for {@link #NONE} or without identity fields. */
    public boolean any() {
        return !identityFields.isEmpty();
    }

    /** Whether a record whose identity fields have these values (field → value, nulls allowed) is active. */
    public boolean active(Map<String, String> values) {
        for (var field : identityFields.entrySet()) {
            String value = values.get(field.getKey());
            if (value != null && !value.isBlank() && isActive.test(field.getValue(), value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // the test closes over hashes of identities: never printed
        return "ActiveSubjects" + identityFields.keySet();
    }
}
