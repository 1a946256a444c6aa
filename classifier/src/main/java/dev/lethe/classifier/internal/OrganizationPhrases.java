package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The edges of an organisation's name around its head, and how its finding corrects the other candidates
 * (for {@link OrganizationDetector}): one pass over the candidates with token arrays.
 */
final class OrganizationPhrases {

    private static final int MAX_BEFORE = 4;
    private static final int MAX_AFTER = 3;
    private static final int MAX_LABELLED = 5;

    private OrganizationPhrases() {}

    /** The first token of the name that ends with the head at i: capitalised words, "&" and "and" between them. */
    static int left(Tokens tokens, int i, boolean cased) {
        int first = i;
        int k = i - 1;
        for (int words = 0; k >= 0 && words < MAX_BEFORE && TokenSpans.spaced(tokens, k); words++) {
            String lower = tokens.lower(k, 24);
            boolean joiner = "&".equals(lower) || cased && ("and".equals(lower) || "und".equals(lower));
            if (joiner && k > 0 && TokenSpans.spaced(tokens, k - 1) && before(tokens, k - 1, cased)) {
                first = k - 1;
                k -= 2;
            } else if (!joiner && before(tokens, k, cased)) {
                first = k;
                k--;
            } else {
                break;
            }
        }
        return first;
    }

    /** The last token of the name that begins with the head at i ("Sparkasse Oberland", "University of Leeds"). */
    static int right(Tokens tokens, int i, boolean cased, int kind) {
        int last = i;
        boolean needOf = (kind & OrganizationDetector.FIRST) == 0;
        int k = i + 1;
        for (int words = 0; k < tokens.count() && words < MAX_AFTER && TokenSpans.spaced(tokens, k - 1); words++) {
            String lower = tokens.lower(k, 24);
            boolean inner = lower != null && OrganizationDetector.isInner(lower);
            if (inner
                    && TokenSpans.spaced(tokens, k)
                    && after(tokens, k + 1, cased)
                    && (!needOf || lower.equals("of"))) {
                last = k + 1;
                k += 2;
                needOf = false;
            } else if (!needOf && !inner && after(tokens, k, cased)) {
                last = k;
                k++;
            } else {
                break;
            }
        }
        return last;
    }

    /** "Employer: Siemens", "Arbeitgeber: Bosch Rexroth": the capitalised words after a label and its colon. */
    static void labelled(Tokens tokens, List<OrganizationDetector.Phrase> phrases) {
        boolean[] taken = new boolean[tokens.count()];
        for (OrganizationDetector.Phrase p : phrases) {
            Arrays.fill(taken, p.first(), p.last() + 1, true);
        }
        int found = phrases.size();
        for (int k = 0; k + 1 < tokens.count(); k++) {
            String lower = tokens.lower(k, 16);
            int first = k + 1;
            if (lower == null || !OrganizationDetector.isLabel(lower) || !colonAfter(tokens, k) || taken[first]) {
                continue;
            }
            if (!after(tokens, first, true)) {
                continue;
            }
            int last = first;
            while (last + 1 < tokens.count() && last - first + 1 < MAX_LABELLED && TokenSpans.spaced(tokens, last)) {
                String next = tokens.lower(last + 1, 24);
                boolean joiner = "&".equals(next) || "of".equals(next) || "und".equals(next) || "and".equals(next);
                if (joiner
                        && last + 2 < tokens.count()
                        && TokenSpans.spaced(tokens, last + 1)
                        && after(tokens, last + 2, true)) {
                    last += 2;
                } else if (!taken[last + 1] && after(tokens, last + 1, true)) {
                    last++;
                } else {
                    break;
                }
            }
            if (!taken[last]) {
                phrases.add(new OrganizationDetector.Phrase(first, last, 0.7, true));
            }
        }
        if (phrases.size() > found) {
            phrases.sort(Comparator.comparingInt(OrganizationDetector.Phrase::first));
        }
    }

    /**
     * Adds the phrases as organisations and drops the people, places and organisations found inside them; a
     * phrase that overlaps an address is a street ("12 Hospital Road") and is left out.
     */
    static void replace(Tokens tokens, List<OrganizationDetector.Phrase> phrases, List<Candidate> out) {
        int[] owner = new int[tokens.count()];
        Arrays.fill(owner, -1);
        for (int j = 0; j < phrases.size(); j++) {
            Arrays.fill(owner, phrases.get(j).first(), phrases.get(j).last() + 1, j);
        }
        boolean[] dropped = new boolean[phrases.size()];
        for (Candidate c : out) {
            if (c.type == PiiType.POSTAL_ADDRESS) {
                for (int t = TokenSpans.tokenAfter(tokens, c.start); t <= TokenSpans.tokenBefore(tokens, c.end); t++) {
                    if (owner[t] >= 0) {
                        dropped[owner[t]] = true;
                    }
                }
            }
        }
        out.removeIf(c -> replaceable(c.type) && inLivePhrase(tokens, c, owner, dropped));
        for (int j = 0; j < phrases.size(); j++) {
            OrganizationDetector.Phrase p = phrases.get(j);
            if (!dropped[j]) {
                Candidate org = new Candidate(
                        PiiType.ORGANIZATION,
                        tokens.start(p.first()),
                        tokens.end(p.last()),
                        p.score(),
                        Evidence.GAZETTEER);
                if (p.cue()) {
                    org.add(Evidence.CONTEXT);
                }
                out.add(org);
            }
        }
    }

    /** A word before the head: capitalised (or any word in text without capitals), no sentence or cue word. */
    private static boolean before(Tokens tokens, int k, boolean cased) {
        String lower = tokens.lower(k, 24);
        if (lower == null || stop(lower)) {
            return false;
        }
        if (cased) {
            return Character.isUpperCase(tokens.first(k)) && hasLetter(tokens, k);
        }
        return lower.length() >= 3 && lettersOnly(lower);
    }

    /** A word after a head that begins the name: capitalised, no street word; in text without capitals a place. */
    private static boolean after(Tokens tokens, int k, boolean cased) {
        String lower = k < tokens.count() ? tokens.lower(k, 24) : null;
        if (lower == null || stop(lower)) {
            return false;
        }
        if (AddressDetector.AFTER_NAME.contains(lower) || AddressDetector.BEFORE_NAME.contains(lower)) {
            return false;
        }
        return cased ? Character.isUpperCase(tokens.first(k)) && hasLetter(tokens, k) : Gazetteer.isPlace(lower);
    }

    private static boolean stop(String lower) {
        return OrganizationDetector.isLeftStop(lower)
                || OrganizationDetector.isCue(lower)
                || NerStopWords.contains(lower)
                || NameDetector.TITLES.contains(lower)
                || NerLexicon.isVocabulary(lower);
    }

    private static boolean replaceable(PiiType type) {
        return type == PiiType.PERSON_NAME
                || type == PiiType.LOCATION
                || type == PiiType.ORGANIZATION
                || type == PiiType.NATIONALITY;
    }

    private static boolean inLivePhrase(Tokens tokens, Candidate c, int[] owner, boolean[] dropped) {
        for (int t = TokenSpans.tokenAfter(tokens, c.start); t <= TokenSpans.tokenBefore(tokens, c.end); t++) {
            if (owner[t] >= 0 && !dropped[owner[t]]) {
                return true;
            }
        }
        return false;
    }

    private static boolean colonAfter(Tokens tokens, int k) {
        return tokens.start(k + 1) > tokens.end(k) && tokens.text.charAt(tokens.end(k)) == ':';
    }

    private static boolean hasLetter(Tokens tokens, int k) {
        for (int c = tokens.start(k); c < tokens.end(k); c++) {
            if (Character.isLetter(tokens.text.charAt(c))) {
                return true;
            }
        }
        return false;
    }

    private static boolean lettersOnly(String lower) {
        for (int c = 0; c < lower.length(); c++) {
            if (!Character.isLetter(lower.charAt(c))) {
                return false;
            }
        }
        return true;
    }
}
