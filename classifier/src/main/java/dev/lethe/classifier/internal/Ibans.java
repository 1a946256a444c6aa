package dev.lethe.classifier.internal;

import java.util.HashMap;
import java.util.Map;

/** IBAN validation per ISO 13616: each country's length and BBAN format, then mod-97. */
final class Ibans {

    /** BBAN formats from the SWIFT IBAN registry: n digits, a upper letters, c alphanumerics. */
    private static final Map<String, String> FORMATS = new HashMap<>();

    static {
        String table = "AD4n4n12c AE3n16n AL8n16c AT5n11n AZ4a20c BA3n3n8n2n BE3n7n2n BG4a4n2n8c BH4a14c"
                + " BR8n5n10n1a1c BY4c4n16c CH5n12c CR4n14n CY3n5n16c CZ4n6n10n DE8n10n DK4n9n1n DO4a20n"
                + " EE2n2n11n1n EG4n4n17n ES4n4n1n1n10n FI3n11n FO4n9n1n FR5n5n11c2n GB4a6n8n GE2a16n GI4a15c"
                + " GL4n9n1n GR3n4n16c GT4c20c HR7n10n HU3n4n1n15n1n IE4a6n8n IL3n3n13n IQ4a3n12n IS4n2n6n10n"
                + " IT1a5n5n12c JO4a4n18c KW4a22c KZ3n13c LB4n20c LC4a24c LI5n12c LT5n11n LU3n13c LV4a13c"
                + " LY3n3n15n MC5n5n11c2n MD2c18c ME3n13n2n MK3n10c2n MR5n5n11n2n MT4a5n18c MU4a2n2n12n3n3a"
                + " NL4a10n NO4n6n1n PK4a16c PL8n16n PS4a21c PT4n4n11n2n QA4a21c RO4a16c RS3n13n2n SA2n18c"
                + " SC4a2n2n16n3a SD2n12n SE3n16n1n SI5n8n2n SK4n6n10n SM1a5n5n12c ST8n11n2n SV4a20n TL3n14n2n"
                + " TN2n3n13n2n TR5n1n16c UA6n19c VA3n15n VG4a16n XK4n10n2n";
        for (String entry : table.split(" ")) {
            FORMATS.put(entry.substring(0, 2), entry.substring(2));
        }
    }

    private Ibans() {}

    static boolean isCountry(String code) {
        return FORMATS.containsKey(code);
    }

    /** The full IBAN length for a country, or -1 when the country has no IBAN. */
    static int lengthOf(String country) {
        String format = FORMATS.get(country);
        if (format == null) {
            return -1;
        }
        int length = 4;
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (Character.isDigit(c)) {
                n = n * 10 + (c - '0');
            } else {
                length += n;
                n = 0;
            }
        }
        return length;
    }

    /** Whether the compact (no spaces, upper case) string is a valid IBAN. */
    static boolean isValid(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String format = FORMATS.get(iban.substring(0, 2));
        if (format == null || !Character.isDigit(iban.charAt(2)) || !Character.isDigit(iban.charAt(3))) {
            return false;
        }
        return matchesFormat(iban, format) && mod97(iban) == 1;
    }

    private static boolean matchesFormat(String iban, String format) {
        int pos = 4;
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (Character.isDigit(c)) {
                n = n * 10 + (c - '0');
                continue;
            }
            if (pos + n > iban.length()) {
                return false;
            }
            for (int k = pos; k < pos + n; k++) {
                if (!accepts(c, iban.charAt(k))) {
                    return false;
                }
            }
            pos += n;
            n = 0;
        }
        return pos == iban.length();
    }

    private static boolean accepts(char kind, char c) {
        boolean digit = c >= '0' && c <= '9';
        boolean upper = c >= 'A' && c <= 'Z';
        return switch (kind) {
            case 'n' -> digit;
            case 'a' -> upper;
            default -> digit || upper;
        };
    }

    /** mod-97 of the IBAN rearranged (first four characters moved to the end, letters as 10..35). */
    private static int mod97(String iban) {
        int rest = 0;
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt((i + 4) % iban.length());
            int v = c <= '9' ? c - '0' : c - 'A' + 10;
            rest = v < 10 ? (rest * 10 + v) % 97 : (rest * 100 + v) % 97;
        }
        return rest;
    }
}
