package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Identifiers with letters: IBAN, BIC, UK NINO, Italian fiscal code, Spanish DNI/NIE, HETU, VAT, passport. */
final class IdTokenDetectors {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private IdTokenDetectors() {}

    /** Tries every id shape on token i (and the groups after it, for spaced forms). */
    static void detect(Tokens tokens, int i, List<Candidate> out) {
        String text = tokens.text;
        int s = tokens.start(i);
        int e = tokens.end(i);
        int len = e - s;
        if (iban(tokens, i, out) || nino(tokens, i, out)) {
            return;
        }
        String t = text.substring(s, e);
        if (len == 16 && ItalianFiscalCodes.isValid(t.toUpperCase(Locale.ROOT))) {
            out.add(new Candidate(PiiType.IT_FISCAL_CODE, s, e, 0.95, Evidence.PATTERN, Evidence.VALIDATOR));
        } else if ((len == 9 || len == 10) && AlphanumericIds.esDni(t.replace("-", ""))) {
            out.add(new Candidate(PiiType.ES_DNI, s, e, 0.8, Evidence.PATTERN, Evidence.VALIDATOR));
        } else if (len == 11 && hetu(text, s, e, out)) {
            return;
        } else if (!vat(tokens, i, t, out) && !bic(t, s, e, out)) {
            passport(t, s, e, out);
        }
    }

    /** Finnish HETU; its check character may be a digit, so all-digit tokens are tried too. */
    static boolean hetu(String text, int s, int e, List<Candidate> out) {
        if (e - s != 11 || !AlphanumericIds.fiHetu(text.substring(s, e))) {
            return false;
        }
        out.add(new Candidate(PiiType.FI_HETU, s, e, 0.9, Evidence.PATTERN, Evidence.VALIDATOR));
        return true;
    }

    /** IBANs, compact or in groups of four separated by single spaces. */
    private static boolean iban(Tokens tokens, int i, List<Candidate> out) {
        String text = tokens.text;
        int s = tokens.start(i);
        if (tokens.length(i) < 4 || !isUpper(text.charAt(s)) || !isUpper(text.charAt(s + 1))) {
            return false;
        }
        int expected = Ibans.lengthOf(text.substring(s, s + 2));
        if (expected < 0 || !Character.isDigit(text.charAt(s + 2)) || !Character.isDigit(text.charAt(s + 3))) {
            return false;
        }
        StringBuilder compact = new StringBuilder(34).append(text, s, tokens.end(i));
        int last = i;
        while (compact.length() < expected && tokens.adjacent(last, 1) && tokens.length(last + 1) <= 4) {
            last++;
            compact.append(text, tokens.start(last), tokens.end(last));
        }
        String iban = compact.toString().toUpperCase(Locale.ROOT);
        if (iban.length() == expected && Ibans.isValid(iban)) {
            out.add(new Candidate(PiiType.IBAN, s, tokens.end(last), 0.97, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        return false;
    }

    /** UK NINO, compact (AB123456C) or spaced (AB 12 34 56 C). */
    private static boolean nino(Tokens tokens, int i, List<Candidate> out) {
        String text = tokens.text;
        int s = tokens.start(i);
        int len = tokens.length(i);
        if (len == 9 && AlphanumericIds.ukNino(text.substring(s, s + 9))) {
            out.add(new Candidate(PiiType.UK_NINO, s, s + 9, 0.85, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        if (len != 2 || i + 4 >= tokens.count()) {
            return false;
        }
        StringBuilder compact = new StringBuilder(9);
        for (int k = i; k <= i + 4; k++) {
            if (k > i && !tokens.adjacent(k - 1, 1)) {
                return false;
            }
            compact.append(text, tokens.start(k), tokens.end(k));
        }
        if (compact.length() == 9 && AlphanumericIds.ukNino(compact.toString())) {
            out.add(new Candidate(PiiType.UK_NINO, s, tokens.end(i + 4), 0.85, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        return false;
    }

    private static boolean vat(Tokens tokens, int i, String t, List<Candidate> out) {
        if (t.length() < 2 || !VatNumbers.isPrefix(t.substring(0, 2))) {
            return false;
        }
        int s = tokens.start(i);
        int e = tokens.end(i);
        String compact = t;
        if (t.length() == 2 && tokens.adjacent(i, 1)) { // "DE 123456789"
            e = tokens.end(i + 1);
            compact = t + tokens.word(i + 1);
        }
        compact = compact.replace(".", "").replace("-", "");
        VatNumbers.Result result = VatNumbers.validate(compact);
        if (result == VatNumbers.Result.INVALID) {
            return false;
        }
        boolean checked = result == VatNumbers.Result.CHECKSUM;
        Candidate c = new Candidate(PiiType.EU_VAT, s, e, checked ? 0.7 : 0.4, Evidence.PATTERN);
        if (checked) {
            c.add(Evidence.VALIDATOR);
        }
        out.add(c);
        return true;
    }

    /** BIC/SWIFT: no checksum, so it is weak alone and needs context unless clearly code-like. */
    private static boolean bic(String t, int s, int e, List<Candidate> out) {
        int len = t.length();
        if (len != 8 && len != 11) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char c = t.charAt(k);
            boolean ok = k < 6 ? isUpper(c) : isUpper(c) || Character.isDigit(c);
            if (!ok) {
                return false;
            }
        }
        if (!COUNTRIES.contains(t.substring(4, 6))) {
            return false;
        }
        boolean codeLike = Character.isDigit(t.charAt(6)) || Character.isDigit(t.charAt(7)) || t.endsWith("XXX");
        out.add(new Candidate(PiiType.SWIFT_BIC, s, e, codeLike ? 0.55 : 0.3, Evidence.PATTERN));
        return true;
    }

    /** Passport numbers have no checksum and look like product codes: reported only with context. */
    private static void passport(String t, int s, int e, List<Candidate> out) {
        int len = t.length();
        if (len < 7 || len > 9) {
            return;
        }
        int digits = 0;
        for (int k = 0; k < len; k++) {
            char c = t.charAt(k);
            if (Character.isDigit(c)) {
                digits++;
            } else if (!isUpper(c)) {
                return;
            }
        }
        if (digits >= 5) {
            out.add(new Candidate(PiiType.PASSPORT, s, e, 0.15, Evidence.PATTERN));
        }
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
