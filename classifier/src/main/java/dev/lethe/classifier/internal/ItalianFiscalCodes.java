package dev.lethe.classifier.internal;

/** Italian codice fiscale: 16 characters with month letter, day (+40 for women), omocodia and check letter. */
final class ItalianFiscalCodes {

    private static final String MONTHS = "ABCDEHLMPRST";
    /** Letters that replace digits in "omocodia" codes, for 0..9. */
    private static final String OMOCODIA = "LMNPQRSTUV";

    private static final int[] ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    private ItalianFiscalCodes() {}

    static boolean isValid(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 8, 11, 15}) {
            if (!AlphanumericIds.isUpper(s.charAt(i))) {
                return false;
            }
        }
        for (int i : new int[] {6, 7, 9, 10, 12, 13, 14}) {
            if (digitValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        if (MONTHS.indexOf(s.charAt(8)) < 0) {
            return false;
        }
        int day = digitValue(s.charAt(9)) * 10 + digitValue(s.charAt(10));
        if (day > 40) {
            day -= 40;
        }
        return day >= 1 && day <= 31 && checkLetter(s) == s.charAt(15);
    }

    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return OMOCODIA.indexOf(c);
    }

    private static char checkLetter(String s) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c - 'A';
            // positions are 1-based in the specification: odd positions use the ODD table
            sum += i % 2 == 0 ? ODD[v] : v;
        }
        return (char) ('A' + sum % 26);
    }
}
