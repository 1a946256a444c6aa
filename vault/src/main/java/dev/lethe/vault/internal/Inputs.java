package dev.lethe.vault.internal;

import dev.lethe.vault.InvalidInputException;
import java.util.regex.Pattern;

/** Checks of request fields; failures name the field and never echo its content. */
final class Inputs {
    private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Inputs() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "required");
        }
        return value;
    }

    static String boundedValue(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("value", "required");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException("value", "longer than " + maxLength + " characters");
        }
        return value;
    }

    static String purpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new InvalidInputException("purpose", "required: 1-64 letters, digits or . _ : -");
        }
        return purpose;
    }

    static String optionalSubject(String subject) {
        if (subject != null && subject.isBlank()) {
            throw new InvalidInputException("subject", "blank; omit it for values without a subject");
        }
        return subject;
    }
}
