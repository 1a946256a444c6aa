package dev.lethe.classifier.internal;

/** Checksum algorithms shared by several validators. Inputs are ASCII digit strings unless noted. */
final class Checksums {

    private Checksums() {}

    static boolean allDigits(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static int digit(CharSequence s, int i) {
        return s.charAt(i) - '0';
    }

    /** Luhn (mod 10) over all digits, the last one being the check digit. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digit(digits, i);
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The remainder modulo 97 of a long decimal number, computed piecewise so any length works. */
    static int mod97(CharSequence digits) {
        int rest = 0;
        for (int i = 0; i < digits.length(); i++) {
            rest = (rest * 10 + digit(digits, i)) % 97;
        }
        return rest;
    }

    /** ISO 7064 MOD 11,10: true when the last digit is the check digit of the ones before it. */
    static boolean iso7064Mod11Of10(CharSequence digits) {
        int product = 10;
        for (int i = 0; i < digits.length() - 1; i++) {
            int sum = (digit(digits, i) + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == digit(digits, digits.length() - 1);
    }

    /** Sum of digit[i] * weights[i] over the weights' length. */
    static int weightedSum(CharSequence digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digit(digits, i) * weights[i];
        }
        return sum;
    }

    /** Whether day/month/year make a real calendar date; year is the full year. */
    static boolean isDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int[] days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int max = days[month - 1];
        if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
            max = 29;
        }
        return day <= max;
    }

    static int number(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + digit(s, i);
        }
        return n;
    }
}
