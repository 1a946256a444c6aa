package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/** Corrections of the name tagger's people at their left edge (for {@link NerDetector}). */
final class PersonSpans {

    /** English determiners: "the Nova Blender", "my Galaxy" are products; people take no article. */
    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "my", "our", "your", "their", "its", "these");

    private PersonSpans() {}

    /** Whether a determiner stands right before token first, with nothing but a space between. */
    static boolean afterArticle(Tokens tokens, int first) {
        if (first == 0 || !TokenSpans.spaced(tokens, first - 1)) {
            return false;
        }
        String before = tokens.lower(first - 1, 8);
        return before != null && ARTICLES.contains(before);
    }

    /** The first of the lower-case particles right before token first ("van den" Berg), or first itself. */
    static int particlesBefore(Tokens tokens, int first) {
        int p = first;
        while (p > 0 && p > first - 3 && TokenSpans.spaced(tokens, p - 1) && particle(tokens, p - 1)) {
            p--;
        }
        return p;
    }

    /** Whether token i is a title ("Mr van den Berg"). */
    static boolean title(Tokens tokens, int i) {
        String lower = i >= 0 ? tokens.lower(i, 12) : null;
        return lower != null && NameDetector.TITLES.contains(lower);
    }

    /**
     * The tagger's person that ends with token i, one space before the particles ("Bram" van den Berg): the
     * tagger's spans arrive in order, so it is among the last candidates added.
     */
    static Candidate personEndingAt(List<Candidate> out, Tokens tokens, int i) {
        if (i < 0 || !TokenSpans.spaced(tokens, i)) {
            return null;
        }
        for (int k = out.size() - 1; k >= Math.max(0, out.size() - 3); k--) {
            Candidate c = out.get(k);
            if (c.type == PiiType.PERSON_NAME && c.end == tokens.end(i) && c.has(Evidence.MODEL)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether the capitalised word right before token first is a given name the tagger left out ("Chidi"
     * Janssen, "Oisin" Fitzgerald): a given name any list knows, or any capitalised word of four letters or more
     * that starts no sentence and is no sentence, title, month, nationality, place, cue or organisation word.
     */
    static boolean givenNameBefore(Tokens tokens, int first) {
        int k = first - 1;
        if (k < 0 || !TokenSpans.spaced(tokens, k) || !tokens.isCapitalized(k)) {
            return false;
        }
        String lower = tokens.lower(k, 24);
        if (lower == null
                || NerStopWords.contains(lower)
                || NameDetector.TITLES.contains(lower)
                || ContextualDetector.TITLES.contains(lower)
                || NerLexicon.isVocabulary(lower)
                || PhraseDetector.MONTHS.contains(lower)
                || ContextualDetector.NATIONALITIES.contains(lower)
                || Gazetteer.isPlace(lower)
                || OrganizationDetector.isCue(lower)
                || OrganizationDetector.head(tokens, k, true) != 0) {
            return false;
        }
        // an unknown word needs four letters: "rufen Sie Jörg Wiesenthal" ("Sie", "Ihr", "Wir")
        return Gazetteer.isGivenName(lower)
                || Gazetteer.isWideGivenName(lower)
                || lower.length() >= 4 && !tokens.startsSentence(k);
    }

    private static boolean particle(Tokens tokens, int i) {
        String lower = tokens.lower(i, 6);
        return lower != null && Character.isLowerCase(tokens.first(i)) && Gazetteer.PARTICLES.contains(lower);
    }
}
