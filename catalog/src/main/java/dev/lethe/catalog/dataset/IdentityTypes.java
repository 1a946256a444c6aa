package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Identity types name what identifies a data subject in a field: {@code email}, {@code phone},
 * {@code customer_id}. The same form as a request's identities, so a request's {@code {"email": …}}
 * meets the fields whose identity type is {@code email}.
 */
public final class IdentityTypes {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private IdentityTypes() {}

    /** The identity type, or null for none (null or blank). */
    public static String check(String identityType) {
        if (identityType == null || identityType.isBlank()) {
            return null;
        }
        String type = identityType.strip();
        if (!FORM.matcher(type).matches()) {
            throw new InvalidInputException(
                    "identityType is lower case letters, digits and '_' starting with a letter (e.g. email,"
                            + " customer_id), at most 63");
        }
        return type;
    }

    /** Whether {@code identityType} has the form of an identity type. */
    public static boolean valid(String identityType) {
        return identityType != null && FORM.matcher(identityType).matches();
    }
}
