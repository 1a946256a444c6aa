package dev.lethe.classifier.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone number validation through libphonenumber's metadata (thread-safe: its util is a shared immutable
 * instance). Candidates are digit runs already, so instead of {@code PhoneNumberUtil.parse} (whose
 * extension and viability regexes cost several microseconds) the country code and trunk prefix are split
 * off here and only {@code isValidNumber} is asked: same verdict for such input, a fraction of the cost.
 */
final class PhoneMatcher {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static final java.util.List<String> LIKELY_REGIONS =
            java.util.List.of("DE", "FR", "ES", "IT", "NL", "GB", "US", "BE", "AT", "CH");

    private final String defaultRegion;

    PhoneMatcher(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** Whether the number is valid, read internationally when it starts with + or 00, else in region. */
    boolean isValid(String number, String contextRegion) {
        String trimmed = number.strip();
        String digits = digitsOf(trimmed);
        if (trimmed.startsWith("+") || digits.startsWith("00")) { // also "(0044) 20 ..."
            return international(digits.startsWith("00") ? digits.substring(2) : digits);
        }
        if (contextRegion != null && national(digits, contextRegion)) {
            return true;
        }
        return defaultRegion != null && !defaultRegion.equals(contextRegion) && national(digits, defaultRegion);
    }

    /**
     * A national number next to a phone word ("Tel. 030 1234567") that is not valid in the default region
     * is accepted if it is valid in one of the regions whose languages the classifier reads.
     */
    boolean isValidInLikelyRegion(String number) {
        String digits = digitsOf(number);
        for (String region : LIKELY_REGIONS) {
            if (!region.equals(defaultRegion) && national(digits, region)) {
                return true;
            }
        }
        return false;
    }

    private static boolean international(String digits) {
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int countryCode = Integer.parseInt(digits.substring(0, length));
            if (!"ZZ".equals(UTIL.getRegionCodeForCountryCode(countryCode))) {
                // country codes are prefix-free: the first one that exists is the only candidate
                return valid(countryCode, digits.substring(length));
            }
        }
        return false;
    }

    private static boolean national(String digits, String region) {
        int countryCode = UTIL.getCountryCodeForRegion(region);
        if (countryCode == 0) {
            return false;
        }
        String trunk = UTIL.getNddPrefixForRegion(region, true);
        String national = trunk != null && !trunk.isEmpty() && digits.startsWith(trunk)
                ? digits.substring(trunk.length())
                : digits;
        return valid(countryCode, national);
    }

    private static boolean valid(int countryCode, String national) {
        if (national.length() < 4 || national.length() > 17) {
            return false;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(countryCode);
        int zeros = 0;
        while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
            zeros++;
        }
        if (zeros > 0) { // Italian-style numbers keep their leading zeros
            number.setItalianLeadingZero(true);
            number.setNumberOfLeadingZeros(zeros);
        }
        number.setNationalNumber(Long.parseLong(national));
        return UTIL.isValidNumber(number);
    }

    private static String digitsOf(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
