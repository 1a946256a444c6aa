package dev.lethe.classifier.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone number validation through libphonenumber (thread-safe: its util is a shared immutable instance). */
final class PhoneMatcher {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    PhoneMatcher(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** Whether the number is valid, read internationally when it starts with + or 00, else in region. */
    boolean isValid(String number, String contextRegion) {
        String trimmed = number.strip();
        if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
            String international = trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed;
            return valid(international, "ZZ");
        }
        if (contextRegion != null && valid(trimmed, contextRegion)) {
            return true;
        }
        return defaultRegion != null && !defaultRegion.equals(contextRegion) && valid(trimmed, defaultRegion);
    }

    private static boolean valid(String number, String region) {
        try {
            PhoneNumber parsed = UTIL.parse(number, region);
            return UTIL.isValidNumber(parsed);
        } catch (NumberParseException notAPhoneNumber) {
            return false;
        }
    }
}
