package dev.lethe.classifier.internal;

/** Payment card numbers: issuer ranges (IIN) with their lengths, plus Luhn. */
final class CardNumbers {

    private CardNumbers() {}

    /** Whether the digits form a card number of a known issuer with a valid Luhn check digit. */
    static boolean isValid(CharSequence digits) {
        int n = digits.length();
        if (n < 12 || n > 19 || !Checksums.allDigits(digits) || !issuerAccepts(digits, n)) {
            return false;
        }
        return Checksums.luhn(digits) && !isRepetitive(digits);
    }

    private static boolean issuerAccepts(CharSequence d, int n) {
        int two = Checksums.number(d, 0, 2);
        int four = Checksums.number(d, 0, 4);
        int six = Checksums.number(d, 0, 6);
        char first = d.charAt(0);
        if (first == '4') { // Visa
            return n == 13 || n == 16 || n == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) { // Mastercard
            return n == 16;
        }
        if (four >= 2200 && four <= 2204) { // Mir
            return n >= 16 && n <= 19;
        }
        if (two == 34 || two == 37) { // American Express
            return n == 15;
        }
        if (two == 36 || two == 38 || two == 39 || (four >= 3000 && four <= 3059) || four == 3095) { // Diners
            return n >= 14 && n <= 19;
        }
        if (four >= 3528 && four <= 3589) { // JCB
            return n >= 16 && n <= 19;
        }
        if (four == 6011 || two == 65 || (six >= 644000 && six <= 649999) || (six >= 622126 && six <= 622925)) {
            return n >= 16 && n <= 19; // Discover
        }
        if (two == 62 || two == 81) { // UnionPay
            return n >= 16 && n <= 19;
        }
        if (two == 50 || (two >= 56 && two <= 69)) { // Maestro
            return n >= 12 && n <= 19;
        }
        return false;
    }

    /** 4111... style test numbers are real-looking; runs of one digit are not card numbers. */
    private static boolean isRepetitive(CharSequence d) {
        char c = d.charAt(1);
        for (int i = 2; i < d.length(); i++) {
            if (d.charAt(i) != c) {
                return false;
            }
        }
        return d.charAt(0) == c;
    }
}
