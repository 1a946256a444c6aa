package dev.lethe.connectors.spi;

import dev.lethe.classifier.PiiType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which identity type a discovered field seems to hold, the same way in every connector: a contact
 * value the classifier recognised ({@code email}, {@code phone}), or the id of a dataset of people
 * ({@code customers} → {@code customer_id}). A suggestion only: a person confirms it in the catalog.
 */
public final class IdentitySuggestions {

    /** Nouns of datasets whose records are people, singular. */
    private static final Set<String> PEOPLE = Set.of(
            "customer",
            "user",
            "account",
            "member",
            "client",
            "patient",
            "employee",
            "person",
            "subscriber",
            "contact",
            "guest",
            "student",
            "applicant",
            "candidate");

    private IdentitySuggestions() {}

    /** {@code email} or {@code phone} for the contact types, otherwise null. */
    public static String contact(PiiType type) {
        if (type == PiiType.EMAIL_ADDRESS) {
            return "email";
        }
        if (type == PiiType.PHONE_NUMBER) {
            return "phone";
        }
        return null;
    }

    /**
     * The singular noun when {@code word} names people ({@code Customers} → {@code customer}), which
     * makes {@code <noun>_id} the identity type of such a dataset's id.
     */
    public static Optional<String> person(String word) {
        String singular = singular(word.toLowerCase(Locale.ROOT));
        return PEOPLE.contains(singular) ? Optional.of(singular) : Optional.empty();
    }

    private static String singular(String word) {
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
