package dev.lethe.connectors.spi;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Subjects under a legal hold, as a purge of one dataset sees them: the dataset's fields that hold
 * identities (field → identity type, e.g. {@code email → email}) and a test on one identity value.
 * The connector never learns the held identities, only asks about the values it reads; the caller
 * answers by comparing keyed hashes.
 *
 * @param isHeld {@code isHeld.test(identityType, value)}: whether that identity is held
 */
public record HeldSubjects(Map<String, String> identityFields, BiPredicate<String, String> isHeld) {

    /** No subject holds: the fast path (whole batches changed by one statement). */
    public static final HeldSubjects NONE = new HeldSubjects(Map.of(), (type, value) -> false);

    public HeldSubjects {
        identityFields = Map.copyOf(identityFields);
        Objects.requireNonNull(isHeld, "isHeld");
    }

    /** Whether any record can be held: false for {@link #NONE} or without identity fields. */
    public boolean any() {
        return !identityFields.isEmpty();
    }

    /** Whether a record whose identity fields have these values (field → value, nulls allowed) is held. */
    public boolean holds(Map<String, String> values) {
        for (var field : identityFields.entrySet()) {
            String value = values.get(field.getKey());
            if (value != null && !value.isBlank() && isHeld.test(field.getValue(), value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // the test may close over hashes of held identities: never printed
        return "HeldSubjects" + identityFields.keySet();
    }
}
