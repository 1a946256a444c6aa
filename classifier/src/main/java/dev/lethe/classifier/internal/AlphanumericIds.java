package dev.lethe.classifier.internal;

import static dev.lethe.classifier.internal.Checksums.isDate;
import static dev.lethe.classifier.internal.Checksums.number;

/** Government ids with letters. Each method takes the compact upper-case form (no separators). */
final class AlphanumericIds {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String HETU_CHECKS = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String HETU_CENTURY_1800 = "+";
    private static final String HETU_CENTURY_1900 = "-YXWVU";
    private static final String HETU_CENTURY_2000 = "ABCDEF";

    private AlphanumericIds() {}

    /** UK National Insurance number: two prefix letters with the excluded ones, six digits, suffix A-D. */
    static boolean ukNino(String s) {
        if (s.length() != 9 || !Checksums.allDigits(s.substring(2, 8))) {
            return false;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        char suffix = s.charAt(8);
        if (!isUpper(a) || !isUpper(b) || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return false;
        }
        String prefix = s.substring(0, 2);
        boolean banned = switch (prefix) {
            case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" -> true;
            default -> false;
        };
        return !banned && suffix >= 'A' && suffix <= 'D';
    }

    /** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter); the letter is mod 23. */
    static boolean esDni(String s) {
        if (s.length() != 9) {
            return false;
        }
        String digits = s.substring(0, 8);
        int lead = "XYZ".indexOf(s.charAt(0));
        if (lead >= 0) {
            digits = lead + s.substring(1, 8);
        }
        if (!Checksums.allDigits(digits)) {
            return false;
        }
        return DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == s.charAt(8);
    }

    /** Finnish HETU: DDMMYY, century sign, individual number, check character mod 31. */
    static boolean fiHetu(String s) {
        if (s.length() != 11 || !Checksums.allDigits(s.substring(0, 6)) || !Checksums.allDigits(s.substring(7, 10))) {
            return false;
        }
        String sign = s.substring(6, 7);
        int century;
        if (HETU_CENTURY_1800.contains(sign)) {
            century = 1800;
        } else if (HETU_CENTURY_1900.contains(sign)) {
            century = 1900;
        } else if (HETU_CENTURY_2000.contains(sign)) {
            century = 2000;
        } else {
            return false;
        }
        if (!isDate(century + number(s, 4, 6), number(s, 2, 4), number(s, 0, 2))) {
            return false;
        }
        long value = Long.parseLong(s.substring(0, 6) + s.substring(7, 10));
        return HETU_CHECKS.charAt((int) (value % 31)) == s.charAt(10);
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
