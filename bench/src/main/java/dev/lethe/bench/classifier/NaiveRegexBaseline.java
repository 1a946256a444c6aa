package dev.lethe.bench.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline the issue asks for: every pattern applied one after another with java.util.regex over the
 * whole input, no validation, no context. It finds less and flags more; it is here to measure speed.
 */
final class NaiveRegexBaseline {

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
            Pattern.compile("\\+?\\d[\\d ()/-]{6,18}\\d"),
            Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"),
            Pattern.compile("\\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}\\b"),
            Pattern.compile("\\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\\b"),
            Pattern.compile("https?://[^\\s\"]+"),
            Pattern.compile("-?\\d{1,2}\\.\\d{4,},\\s?-?\\d{1,3}\\.\\d{4,}"),
            Pattern.compile("\\b(?:\\d[ -]?){13,19}\\b"),
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b"),
            Pattern.compile("\\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\\b"),
            Pattern.compile("\\b(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{25,87}|0x[a-fA-F0-9]{40})\\b"),
            Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"),
            Pattern.compile("\\b[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"),
            Pattern.compile("\\b\\d{3} ?\\d{3} ?\\d{4}\\b"),
            Pattern.compile("\\b\\d{11}\\b"),
            Pattern.compile("\\b[12] ?\\d{2} ?\\d{2} ?\\d{2} ?\\d{3} ?\\d{3} ?\\d{2}\\b"),
            Pattern.compile("\\b[XYZ0-9]\\d{7}[A-Z]\\b"),
            Pattern.compile("\\b[A-Z]{6}\\d{2}[A-Z]\\d{2}[A-Z]\\d{3}[A-Z]\\b"),
            Pattern.compile("\\b\\d{9}\\b"),
            Pattern.compile("\\b\\d{6}[-+A]\\d{3}[0-9A-Y]\\b"),
            Pattern.compile("\\b\\d{2}\\.\\d{2}\\.\\d{2}-\\d{3}\\.\\d{2}\\b"),
            Pattern.compile("\\b(?:DE|FR|IT|NL|BE|ES|AT)[A-Z0-9]{8,12}\\b"),
            Pattern.compile("\\b(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})\\b"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"),
            Pattern.compile("\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b"),
            Pattern.compile("\\b(?:ghp_[A-Za-z0-9]{36}|sk_live_[A-Za-z0-9]{24,}|xox[bp]-[A-Za-z0-9-]{20,})"),
            Pattern.compile("\\b(?:Mr|Mrs|Ms|Dr|Herr|Frau|Mme|Sr|Sra)\\.? [A-Z][a-z]+(?: [A-Z][a-z]+)?"),
            Pattern.compile("\\b[A-Z][a-zäöüß]+(?:straße|strasse|weg|platz|allee) \\d+[a-z]?\\b"),
            Pattern.compile("(?i)(?:password|passwort|pwd)\\s*[:=]\\s*\\S+"));

    private NaiveRegexBaseline() {}

    /** The number of matches of all patterns (returned so the JIT cannot drop the work). */
    static int scan(String input) {
        int matches = 0;
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(input);
            while (m.find()) {
                matches++;
            }
        }
        return matches;
    }
}
