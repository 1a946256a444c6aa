package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiType;
import java.util.List;

/**
 * Scans one field value with its name as evidence: candidates of the named type are raised, a value
 * of the right shape under a telling name is a finding by itself, an "id"/"order"/"price" name lowers
 * weak matches, and an Art. 9 name marks whatever is inside.
 */
final class FieldScanner {

    private static final double STRONG = 0.9;
    /** The shortest value that can be personal data on its own (e.g. "a@b.de" is 6, "Ana Li" is 6). */
    private static final int SHORTEST_UNNAMED = 6;

    private final TextScanner text;
    private final double minScore;

    FieldScanner(TextScanner text, double minScore) {
        this.text = text;
        this.minScore = minScore;
    }

    /** A string (or a number's literal) at {@code path}. */
    void scan(Object path, FieldHint hint, String value, List<Finding> out) {
        if (hint == FieldHint.NONE && value.length() < SHORTEST_UNNAMED) {
            return; // without a telling name nothing this short is personal data ("EUR", "gold", 42)
        }
        List<Candidate> candidates = text.candidates(value);
        if (hint.type() != null) {
            applyType(hint.type(), value, candidates);
        }
        if (hint.negative()) {
            for (Candidate c : candidates) {
                if (c.score < STRONG) {
                    c.lower(0.4, Evidence.NEGATIVE_CONTEXT);
                }
            }
        }
        List<Candidate> kept = OverlapResolver.resolve(candidates, minScore);
        String p = kept.isEmpty() && hint.special() == null ? null : path.toString();
        for (Candidate c : kept) {
            out.add(new Finding(c.type, p, c.start, c.end, round(c.score), c.evidence(), hint.special()));
        }
        if (kept.isEmpty() && hint.special() != null) {
            special(p, hint, value, out);
        }
    }

    /** A boolean, or a value that is only interesting for the special category its name reveals. */
    void special(Object path, FieldHint hint, String value, List<Finding> out) {
        String v = value.strip();
        if (hint.special() == null || v.isEmpty() || v.equals("null")) {
            return;
        }
        int start = value.indexOf(v);
        out.add(new Finding(
                PiiType.SPECIAL_CATEGORY,
                path.toString(),
                start,
                start + v.length(),
                0.8,
                java.util.Set.of(Evidence.FIELD_NAME),
                hint.special()));
    }

    private static void applyType(PiiType hinted, String value, List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.type == hinted) {
                c.raise(Math.max(0.35, 0.8 - c.score), Evidence.FIELD_NAME);
            } else if (c.score < STRONG) {
                c.lower(0.2, Evidence.FIELD_NAME);
            }
        }
        double shape = ValueShapes.score(hinted, value);
        if (shape > 0) {
            String v = value.strip();
            int start = value.indexOf(v);
            Candidate whole =
                    new Candidate(hinted, start, start + v.length(), shape, Evidence.FIELD_NAME, Evidence.PATTERN);
            if (hinted == PiiType.PERSON_NAME && containsKnownName(v)) {
                whole.raise(0.1, Evidence.GAZETTEER);
            }
            candidates.add(whole);
        }
    }

    private static boolean containsKnownName(String v) {
        int i = 0;
        int n = v.length();
        while (i < n) {
            while (i < n && !Character.isLetter(v.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && (Character.isLetter(v.charAt(i)) || v.charAt(i) == '-' || v.charAt(i) == '\'')) {
                i++;
            }
            if (i > s) {
                String word = v.substring(s, i).toLowerCase(java.util.Locale.ROOT);
                if (Gazetteer.isGivenName(word) || Gazetteer.isFamilyName(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
