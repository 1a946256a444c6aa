package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Organisations in prose that their own words give away, after the name tagger has had its say: a head
 * noun or legal form ("Meridian Bank", "Riverside Tennis Club", "Bergmann Logistik GmbH", "Sparkasse
 * Oberland", "University of Leeds"), a label ("Employer: Siemens") or a cue before a name the tagger took for
 * a person or place ("works for Northwind", "arbeitet bei der Firma ..."). Such a phrase replaces the people
 * and places found inside it; a lone town after it and a comma ("Meridian Bank, Rotterdam.") is a place.
 *
 * <p>Precision first: a head noun alone ("the bank", "Bank Holiday", "Meine Bank") is nothing, and in text
 * without capitals a phrase needs a cue or a legal form. A token costs one set look-up (plus a few suffix
 * tests for long capitalised words); the corrections are linear in tokens and candidates.
 */
final class OrganizationDetector {

    private static final Set<String> HEADS_LAST = WordLists.lower("org-heads-last.txt");
    private static final Set<String> LEGAL_FORMS = WordLists.lower("org-legal-forms.txt");
    private static final Set<String> HEADS_FIRST_ENTRIES = WordLists.lower("org-heads-first.txt");
    private static final Set<String> HEADS_FIRST = headsFirst(false);
    /** Heads that begin a name only with "of" after them ("University of Leeds", not "Bank Holiday"). */
    private static final Set<String> HEADS_FIRST_OF = headsFirst(true);

    private static final String[] COMPOUND_ENDINGS =
            WordLists.lower("org-compound-endings-de.txt").toArray(String[]::new);
    private static final Set<String> CUES = WordLists.lower("org-cues.txt");
    private static final Set<String> LABELS = WordLists.lower("org-labels.txt");
    private static final Set<String> LEFT_STOPS = WordLists.lower("org-left-stops.txt");
    private static final Set<String> ANY_HEAD = anyHead();

    /** Words inside a name after a head that begins it ("Gymnasium am Schlossberg", "Universidad de Sevilla"). */
    private static final Set<String> INNER = Set.of("of", "am", "an", "der", "de", "del", "di", "della", "du", "für");
    /** Words skipped between a cue and the name ("works for the", "bei der Firma"). */
    private static final Set<String> ARTICLES = Set.of("the", "a", "der", "die", "das", "dem", "den", "la", "le");

    static final int LAST = 1;
    static final int FIRST = 2;
    static final int FIRST_OF = 4;
    static final int LEGAL = 8;

    /** An organisation's name found by its words: tokens first..last. */
    record Phrase(int first, int last, double score, boolean cue) {}

    private OrganizationDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        // shouted text ("PLEASE CALL MERIDIAN BANK") says nothing by its capitals
        boolean cased = tokens.hasUpper() && !NerDetector.mostlyUpper(tokens.text);
        List<Phrase> phrases = new ArrayList<>();
        int n = tokens.count();
        for (int i = 0; i < n; i++) {
            int kind = head(tokens, i, cased);
            if (kind == 0 || cased && !Character.isUpperCase(tokens.first(i)) && (kind & LEGAL) == 0) {
                continue;
            }
            int first = OrganizationPhrases.left(tokens, i, cased);
            int last = (kind & (FIRST | FIRST_OF)) != 0 ? OrganizationPhrases.right(tokens, i, cased, kind) : i;
            for (int more = 0; more < 2 && last + 1 < n && TokenSpans.spaced(tokens, last); more++) {
                if (!furtherHead(tokens, last + 1, cased)) {
                    break;
                }
                last++; // "Müller & Partner Steuerberatung", "Tallis Software Ltd"
            }
            boolean cue = cued(tokens, first);
            boolean legal = (head(tokens, last, cased) & LEGAL) != 0;
            if (first < last && (cased || cue || legal)) {
                phrases.add(new Phrase(first, last, cased ? 0.8 : 0.65, cue));
            }
            i = Math.max(i, last);
        }
        if (cased) {
            OrganizationPhrases.labelled(tokens, phrases);
        }
        if (!phrases.isEmpty()) {
            OrganizationPhrases.replace(tokens, phrases, out);
        }
        OrganizationCorrections.cuedModelSpans(tokens, out);
        OrganizationCorrections.townsAfter(tokens, out);
    }

    private static boolean furtherHead(Tokens tokens, int i, boolean cased) {
        int kind = head(tokens, i, cased);
        return (kind & LEGAL) != 0 || (kind & LAST) != 0 && (!cased || Character.isUpperCase(tokens.first(i)));
    }

    /** What kind of head token i is (bit flags), 0 for none. */
    static int head(Tokens tokens, int i, boolean cased) {
        String lower = tokens.lower(i, 24);
        if (lower == null) {
            return 0;
        }
        int kind = 0;
        if (ANY_HEAD.contains(lower)) {
            kind |= HEADS_LAST.contains(lower) ? LAST : 0;
            kind |= LEGAL_FORMS.contains(lower) ? LEGAL : 0;
            kind |= HEADS_FIRST.contains(lower) ? FIRST : 0;
            kind |= HEADS_FIRST_OF.contains(lower) ? FIRST_OF : 0;
        } else if (cased && lower.length() >= 8 && Character.isUpperCase(tokens.first(i))) {
            for (String ending : COMPOUND_ENDINGS) {
                if (lower.endsWith(ending)) {
                    return LAST; // "Volkshochschule", "Steuerberatung", "Raiffeisenbank"
                }
            }
        }
        return kind;
    }

    /** Whether a cue comes right before token first ("Employer:", "works for", "bei der Firma"). */
    static boolean cued(Tokens tokens, int first) {
        int k = first - 1;
        for (int skipped = 0; k >= 0 && skipped < 2 && isIn(tokens, k, ARTICLES); skipped++) {
            k--;
        }
        String w1 = k >= 0 ? tokens.lower(k, 24) : null;
        if (w1 == null) {
            return false;
        }
        if (CUES.contains(w1)) {
            return true;
        }
        String w0 = k > 0 ? tokens.lower(k - 1, 24) : null;
        return w0 != null && CUES.contains(w0 + " " + w1);
    }

    static boolean isCue(String lower) {
        return CUES.contains(lower);
    }

    static boolean isLabel(String lower) {
        return LABELS.contains(lower);
    }

    static boolean isLeftStop(String lower) {
        return LEFT_STOPS.contains(lower);
    }

    static boolean isInner(String lower) {
        return INNER.contains(lower);
    }

    private static boolean isIn(Tokens tokens, int i, Set<String> words) {
        String lower = tokens.lower(i, 24);
        return lower != null && words.contains(lower);
    }

    private static Set<String> headsFirst(boolean of) {
        Set<String> heads = new HashSet<>();
        for (String entry : HEADS_FIRST_ENTRIES) {
            if (entry.endsWith(" of") == of) {
                heads.add(of ? entry.substring(0, entry.length() - 3) : entry);
            }
        }
        return WordLists.frozen(heads);
    }

    private static Set<String> anyHead() {
        Set<String> all = new HashSet<>(HEADS_LAST);
        all.addAll(LEGAL_FORMS);
        all.addAll(HEADS_FIRST);
        all.addAll(HEADS_FIRST_OF);
        return WordLists.frozen(all);
    }
}
