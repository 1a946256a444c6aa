package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/**
 * People's names in free text: a known given name followed by capitalised words, or a title/salutation
 * (Mr, Frau, Mme, Sr., Sig., Dhr. ...) followed by capitalised words.
 */
final class NameDetector {

    static final Set<String> TITLES = WordLists.frozen(Set.of(
            "mr",
            "mrs",
            "ms",
            "miss",
            "dr",
            "prof",
            "herr",
            "frau",
            "m",
            "mme",
            "mlle",
            "monsieur",
            "madame",
            "sr",
            "sra",
            "srta",
            "señor",
            "señora",
            "don",
            "doña",
            "sig",
            "sig.ra",
            "signor",
            "signora",
            "dott",
            "dhr",
            "mevr",
            "mevrouw",
            "meneer"));

    private NameDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        int n = tokens.count();
        for (int i = 0; i < n; i++) {
            if (!tokens.isCapitalized(i)) {
                continue;
            }
            String lower = tokens.lower(i, 24);
            if (lower == null) {
                continue;
            }
            boolean title = TITLES.contains(lower) && tokens.adjacent(i, 2);
            boolean given = !title && Gazetteer.isGivenName(lower);
            if (title || given) {
                i = name(tokens, title ? i + 1 : i, title, out);
            } else if (beforeKnownFamilyName(tokens, i)) {
                // "Ottavio Rossi": an unknown given name is still a name before a known family name
                out.add(new Candidate(
                        PiiType.PERSON_NAME,
                        tokens.start(i),
                        tokens.end(i + 1),
                        0.6,
                        Evidence.PATTERN,
                        Evidence.GAZETTEER));
                i++;
            }
        }
    }

    /** Reads a name starting at token {@code first}; returns the last token index consumed. */
    private static int name(Tokens tokens, int first, boolean afterTitle, List<Candidate> out) {
        int last = first;
        int words = afterTitle ? 0 : 1;
        boolean knownFamily = false;
        int k = afterTitle ? first : first + 1;
        if (afterTitle && !tokens.isCapitalized(first)) {
            return first - 1;
        }
        while (k < tokens.count() && words < 4 && (k == first || tokens.adjacent(k - 1, 1))) {
            String lower = tokens.lower(k, 24);
            if (lower != null && Gazetteer.PARTICLES.contains(lower) && k + 1 < tokens.count()) {
                k++;
                continue;
            }
            if (!tokens.isCapitalized(k)) {
                break;
            }
            knownFamily |= lower != null && Gazetteer.isFamilyName(lower);
            last = k;
            words++;
            k++;
            if (endsClause(tokens, last)) {
                break;
            }
        }
        if (words == 0) {
            return first;
        }
        double score = afterTitle ? 0.75 : words == 1 ? 0.3 : knownFamily ? 0.8 : 0.6;
        Candidate c = new Candidate(
                PiiType.PERSON_NAME,
                tokens.start(first),
                tokens.end(last),
                score,
                Evidence.PATTERN,
                Evidence.GAZETTEER);
        out.add(c);
        return last;
    }

    private static boolean beforeKnownFamilyName(Tokens tokens, int i) {
        if (i == 0 || i + 1 >= tokens.count() || !tokens.adjacent(i, 1) || !tokens.isCapitalized(i + 1)) {
            return false;
        }
        char before = tokens.text.charAt(tokens.end(i - 1));
        String family = tokens.lower(i + 1, 24);
        // not at a sentence start, where any word is capitalised
        return before != '.' && before != '!' && before != '?' && family != null && Gazetteer.isFamilyName(family);
    }

    /** A comma or sentence punctuation right after the token ends the name. */
    private static boolean endsClause(Tokens tokens, int i) {
        int e = tokens.end(i);
        return e < tokens.text.length() && ".,;:!?".indexOf(tokens.text.charAt(e)) >= 0;
    }
}
