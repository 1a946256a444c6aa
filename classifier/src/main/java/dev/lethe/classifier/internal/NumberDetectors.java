package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds numeric personal data in runs of digits: IPv4, coordinates, dates (birth dates with context),
 * cards, national ids and phone numbers. Every sub-range of a run's groups is tried, so a card followed
 * by an expiry date or two ids in a row are still found; overlaps are resolved later.
 */
final class NumberDetectors {

    /** Usual card groupings: 4-4-4-4 (and 13/19-digit variants), Amex 4-6-5. */
    private static final Pattern CARD_GROUPS = Pattern.compile("4([ -]4){2,3}([ -][1-4])?|4[ -]6[ -]5");

    private final PhoneMatcher phones;

    NumberDetectors(PhoneMatcher phones) {
        this.phones = phones;
    }

    void detect(String text, List<Candidate> out) {
        NumberRun run = null; // most strings of a record have no digits: allocate on the first one
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!NumberRun.isDigit(c) || (i > 0 && isWordChar(text.charAt(i - 1))) || insideWord(text, i)) {
                i++;
                continue;
            }
            if (run == null) {
                run = new NumberRun(text);
            }
            i = run.read(i);
            if (!run.glued) {
                i = Math.max(i, analyse(run, out));
            }
        }
    }

    /** Digits after "x-", "a_", "v." or "a/" belong to a larger code (UUIDs, SKUs), not a number of their own. */
    private static boolean insideWord(String text, int i) {
        if (i < 2) {
            return false;
        }
        char before = text.charAt(i - 1);
        boolean joiner = before == '-' || before == '_' || before == '.' || before == '/';
        return joiner && Character.isLetterOrDigit(text.charAt(i - 2));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Returns the index scanning may continue from (beyond the run when a coordinate pair was read). */
    private int analyse(NumberRun run, List<Candidate> out) {
        if (run.allSeparators('.')) {
            if (run.groups == 4 && IpAddresses.isV4(run.text, run.groupStart[0], run.end())) {
                out.add(new Candidate(
                        PiiType.IP_ADDRESS, run.groupStart[0], run.end(), 0.85, Evidence.PATTERN, Evidence.VALIDATOR));
                return run.end();
            }
            if (run.groups == 2) {
                return Coordinates.pair(run, out);
            }
            if (run.groups > 4) {
                return run.end(); // versions and OIDs
            }
        }
        if (run.groups >= 3 && Dates.isDatePrefix(run)) {
            // a date is personal only as a birth date, which context or the field name must tell; digits after
            // it are a time of day, not part of a number
            out.add(new Candidate(PiiType.DATE_OF_BIRTH, run.groupStart[0], run.groupEnd[2], 0.2, Evidence.PATTERN));
            return run.end();
        }
        for (int from = 0; from < run.groups; from++) {
            for (int to = run.groups - 1; to >= from; to--) {
                int digits = run.digits(from, to);
                // a sub-range must be anchored at one end of the run: "1234 5678 9012 3456" holds no 12-digit card
                if (digits >= 7 && digits <= 19 && (from == 0 || to == run.groups - 1)) {
                    ids(run, from, to, out);
                }
            }
        }
        phone(run, out);
        return run.end();
    }

    private void ids(NumberRun run, int from, int to, List<Candidate> out) {
        String d = run.digitString(from, to);
        String shape = run.shape(from, to);
        int s = run.groupStart[from];
        int e = run.groupEnd[to];
        boolean plain = from == to;
        switch (d.length()) {
            case 9 -> nine(d, shape, plain, s, e, out);
            case 10 -> ten(d, shape, plain, s, e, out);
            case 11 -> eleven(d, shape, plain, s, e, out);
            case 12 -> {
                if (NumericIds.sePersonnummer(d) && (plain || shape.equals("8-4"))) {
                    add(out, PiiType.SE_PERSONNUMMER, s, e, plain ? 0.55 : 0.75);
                }
            }
            case 15 -> {
                if (NumericIds.frNir(d)) {
                    add(out, PiiType.FR_NIR, s, e, shape.equals("1 2 2 2 3 3 2") ? 0.9 : 0.75);
                }
            }
            default -> {}
        }
        if (d.length() >= 12 && from == 0 && CardNumbers.isValid(d) && !run.plus) {
            boolean usual = plain || CARD_GROUPS.matcher(shape).matches();
            add(out, PiiType.CREDIT_CARD, s, e, usual ? 0.85 : 0.5);
        }
        if (plain && (d.length() == 8 || d.length() == 9)) {
            add(out, PiiType.PASSPORT, s, e, 0.15);
        }
    }

    private static void nine(String d, String shape, boolean plain, int s, int e, List<Candidate> out) {
        boolean ssnShape = shape.equals("3-2-4") || shape.equals("3 2 4");
        if (NumericIds.usItin(d)) {
            add(out, PiiType.US_ITIN, s, e, ssnShape ? 0.75 : 0.3);
        } else if (NumericIds.usSsn(d) && (ssnShape || plain)) {
            add(out, PiiType.US_SSN, s, e, shape.equals("3-2-4") ? 0.75 : ssnShape ? 0.6 : 0.3);
        }
        if (NumericIds.nlBsn(d) && (plain || shape.equals("4.2.3") || shape.equals("3.3.3"))) {
            add(out, PiiType.NL_BSN, s, e, plain ? 0.4 : 0.5);
        }
    }

    private static void ten(String d, String shape, boolean plain, int s, int e, List<Candidate> out) {
        if (NumericIds.ukNhs(d) && (plain || shape.equals("3 3 4") || shape.equals("3-3-4"))) {
            add(out, PiiType.UK_NHS, s, e, plain ? 0.35 : 0.55);
        }
        if (NumericIds.sePersonnummer(d) && (plain || shape.equals("6-4") || shape.equals("6+4"))) {
            add(out, PiiType.SE_PERSONNUMMER, s, e, plain ? 0.4 : 0.8);
        }
    }

    private static void eleven(String d, String shape, boolean plain, int s, int e, List<Candidate> out) {
        if (NumericIds.beNationalNumber(d)) {
            boolean formatted = shape.equals("2.2.2-3.2") || shape.equals("6-3.2") || shape.equals("6-3-2");
            add(out, PiiType.BE_NATIONAL_NUMBER, s, e, formatted ? 0.9 : 0.4);
        }
        if (NumericIds.plPesel(d) && plain) {
            add(out, PiiType.PL_PESEL, s, e, 0.45);
        }
        if (NumericIds.deTaxId(d) && (plain || shape.equals("2 3 3 3"))) {
            add(out, PiiType.DE_TAX_ID, s, e, plain ? 0.4 : 0.5);
        }
    }

    private static void add(List<Candidate> out, PiiType type, int s, int e, double score) {
        out.add(new Candidate(type, s, e, score, Evidence.PATTERN, Evidence.VALIDATOR));
    }

    private static boolean phoneContext(NumberRun run) {
        long mask = ContextScorer.maskAround(run.text, run.start, run.end());
        return ContextWords.suggests(mask, PiiType.PHONE_NUMBER);
    }

    private void phone(NumberRun run, List<Candidate> out) {
        int digits = run.digits(0, run.groups - 1);
        if (digits < 7 || digits > 15 || phones == null) {
            return;
        }
        String number = run.text.substring(run.start, run.end());
        boolean international = run.plus || number.startsWith("00");
        boolean trunkPrefix = number.startsWith("0") || number.startsWith("(");
        // libphonenumber costs microseconds per call: numbers without +, 00, a trunk 0 or a "(" area code are
        // only read as phone numbers when a word nearby says so
        if (!international && !trunkPrefix && !phoneContext(run)) {
            return;
        }
        String region = international ? null : ContextScorer.phoneRegionBefore(run.text, run.start);
        boolean valid = phones.isValid(number, region)
                || (!international && phoneContext(run) && phones.isValidInLikelyRegion(number));
        if (!valid) {
            return;
        }
        double score;
        if (international) {
            score = 0.85;
        } else {
            // an unseparated "0558927243" is as often a file or case number: it needs a phone word
            boolean formatted = run.groups > 1 || number.startsWith("(");
            score = formatted ? 0.5 : 0.35;
        }
        out.add(new Candidate(PiiType.PHONE_NUMBER, run.start, run.end(), score, Evidence.PATTERN, Evidence.VALIDATOR));
    }
}
