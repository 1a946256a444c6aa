package dev.lethe.classifier.internal;

import java.time.Year;

/** Calendar dates written with digits: d.m.y, d/m/y, m/d/y, y-m-d; the year 1900 up to this year. */
final class Dates {

    private static final int THIS_YEAR = Year.now().getValue();

    private Dates() {}

    static boolean isDate(NumberRun run) {
        return run.groups == 3 && isDatePrefix(run);
    }

    /** Whether the run's first three groups form a date (a time or more digits may follow). */
    static boolean isDatePrefix(NumberRun run) {
        if (run.groups < 3) {
            return false;
        }
        char sep = run.text.charAt(run.groupEnd[0]);
        boolean sameSeparators = run.groupStart[1] - run.groupEnd[0] == 1
                && run.groupStart[2] - run.groupEnd[1] == 1
                && run.text.charAt(run.groupEnd[1]) == sep;
        if ((sep != '.' && sep != '/' && sep != '-') || !sameSeparators) {
            return false;
        }
        int a = run.groupLength(0);
        int b = run.groupLength(1);
        int c = run.groupLength(2);
        if (a == 4 && b <= 2 && c <= 2) {
            return valid(number(run, 0), number(run, 1), number(run, 2));
        }
        if (a <= 2 && b <= 2 && (c == 4 || c == 2)) {
            int year = number(run, 2);
            if (c == 2) {
                year += year + 2000 > THIS_YEAR ? 1900 : 2000;
            }
            int first = number(run, 0);
            int second = number(run, 1);
            return valid(year, second, first) || (sep == '/' && valid(year, first, second));
        }
        return false;
    }

    /** Whether a plain date string (as in a field value) is a date; accepts ISO date-times too. */
    static boolean isDateValue(String value) {
        String v = value.strip();
        int t = v.indexOf('T');
        if (t == 10) {
            v = v.substring(0, 10);
        }
        if (v.length() < 6 || v.length() > 10) {
            return false;
        }
        NumberRun run = new NumberRun(v);
        if (!NumberRun.isDigit(v.charAt(0))) {
            return false;
        }
        run.read(0);
        return run.end() == v.length() && isDate(run);
    }

    /** "12 March 1985", "3. März 1990", "1er janvier 1990" (month names in six languages). */
    static boolean isWrittenDate(String value) {
        String[] parts = value.strip().toLowerCase(java.util.Locale.ROOT).split("[ .,]+");
        if (parts.length != 3 || !PhraseDetector.MONTHS.contains(parts[1])) {
            return false;
        }
        String day = parts[0].replaceFirst("(er|st|nd|rd|th)$", "");
        boolean dayOk = !day.isEmpty()
                && day.length() <= 2
                && Checksums.allDigits(day)
                && !day.equals("0")
                && Integer.parseInt(day) <= 31;
        boolean yearOk = parts[2].length() == 4 && Checksums.allDigits(parts[2]);
        return dayOk && yearOk && Integer.parseInt(parts[2]) >= 1900 && Integer.parseInt(parts[2]) <= THIS_YEAR;
    }

    private static boolean valid(int year, int month, int day) {
        return year >= 1900 && year <= THIS_YEAR && Checksums.isDate(year, month, day);
    }

    private static int number(NumberRun run, int g) {
        return Checksums.number(run.text, run.groupStart[g], run.groupEnd[g]);
    }
}
