package dev.lethe.classifier.internal;

/** Extends an address by a postal code and town after it: ", 10115 Berlin", ", 1012 AB Amsterdam", ", London SW1A 1AA". */
final class PostalTowns {

    private PostalTowns() {}

    /** Returns the last token of the address, {@code last} itself when nothing follows. */
    static int extend(Tokens tokens, int last) {
        int k = last + 1;
        if (k >= tokens.count() || tokens.start(k) - tokens.end(last) > 2) {
            return last;
        }
        int code = postalCode(tokens, k);
        if (code >= k && code + 1 < tokens.count() && tokens.adjacent(code, 1) && tokens.isCapitalized(code + 1)) {
            return code + 1;
        }
        if (tokens.isCapitalized(k) && k + 1 < tokens.count() && tokens.adjacent(k, 1)) {
            int ukCode = ukPostcode(tokens, k + 1);
            return ukCode > k ? ukCode : last;
        }
        return last;
    }

    /** 4-5 digit codes (with a Dutch letter pair); returns the code's last token or -1. */
    private static int postalCode(Tokens tokens, int k) {
        String w = tokens.word(k);
        if ((w.length() == 4 || w.length() == 5) && Checksums.allDigits(w)) {
            if (w.length() == 4 && k + 1 < tokens.count() && tokens.adjacent(k, 1) && isUpperPair(tokens.word(k + 1))) {
                return k + 1;
            }
            return k;
        }
        return -1;
    }

    /** UK postcodes: outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code (9AA). */
    private static int ukPostcode(Tokens tokens, int k) {
        if (k + 1 >= tokens.count() || !tokens.adjacent(k, 1)) {
            return -1;
        }
        String out = tokens.word(k);
        String in = tokens.word(k + 1);
        boolean outOk = out.length() >= 2
                        && out.length() <= 4
                        && Character.isUpperCase(out.charAt(0))
                        && Character.isDigit(out.charAt(out.length() - 1))
                || out.matches("[A-Z]{1,2}\\d[A-Z]");
        boolean inOk = in.length() == 3 && Character.isDigit(in.charAt(0)) && isUpperPair(in.substring(1));
        return outOk && inOk ? k + 1 : -1;
    }

    private static boolean isUpperPair(String s) {
        return s.length() == 2 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1));
    }
}
