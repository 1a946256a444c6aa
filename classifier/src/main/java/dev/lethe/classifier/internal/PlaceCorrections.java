package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Places the tagger took for people, and towns left outside an address, corrected by the words around them
 * (after the tagger and {@link OrganizationDetector}): "91 Kingsley Avenue, Cork." is one address; "lived in
 * Leeds" and "between Osaka and Ireland" are places. A word a list knows as a given name stays a person.
 * One pass over the candidates with token arrays: linear in tokens and candidates.
 */
final class PlaceCorrections {

    /** Prepositions before a lone word that make it a place rather than a person ("stuck in Antwerp"). */
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "near", "nach", "aus");

    private static final Set<String> AND = Set.of("and", "or", "und", "oder");

    private PlaceCorrections() {}

    static void apply(Tokens tokens, List<Candidate> out) {
        if (!anyPlaceOrPerson(out)) {
            return; // most strings: nothing to correct, no arrays to fill
        }
        int n = tokens.count();
        Candidate[] single = new Candidate[n];
        // how many candidates other than addresses cover each token: a longer address that lost to a shorter
        // one ("153 Elm Grove, Boise" against "153 Elm Grove") does not keep the town from the shorter one
        int[] cover = new int[n];
        boolean[] address = new boolean[n];
        for (Candidate c : out) {
            int from = TokenSpans.tokenAfter(tokens, c.start);
            int to = TokenSpans.tokenBefore(tokens, c.end);
            for (int t = from; t <= to; t++) {
                if (c.type == PiiType.POSTAL_ADDRESS) {
                    address[t] = true;
                    continue;
                }
                cover[t]++;
                single[t] = from == to && tokens.start(t) == c.start && tokens.end(t) == c.end ? c : null;
            }
        }
        Set<Candidate> gone = new HashSet<>();
        List<Candidate> added = new ArrayList<>();
        for (Candidate c : out) {
            if (c.type == PiiType.POSTAL_ADDRESS) {
                int last = TokenSpans.tokenBefore(tokens, c.end);
                int t = last + 1;
                if (last >= 0 && t < n && tokens.end(last) == c.end && TokenSpans.town(tokens, t)) {
                    if (cover[t] == 0 || cover[t] == 1 && guess(single[t]) || cover[t] == Integer.MAX_VALUE) {
                        cover[t] = Integer.MAX_VALUE; // the town is the address's now, for every address ending here
                        gone.add(c);
                        gone.add(single[t]);
                        Candidate longer = new Candidate(PiiType.POSTAL_ADDRESS, c.start, tokens.end(t), c.score);
                        c.evidence().forEach(longer::add);
                        added.add(longer);
                    }
                }
            }
        }
        for (int t = 0; t < n; t++) {
            if (cover[t] == 1 && !address[t] && givenNameTakenForPlace(tokens, t, single[t])) {
                gone.add(single[t]); // "from Bram", "(ask for Sebastián)", "Danke, Ilse"
                added.add(new Candidate(
                        PiiType.PERSON_NAME, single[t].start, single[t].end, single[t].score, Evidence.MODEL));
                continue;
            }
            boolean person = cover[t] == 1 && guess(single[t]) && single[t].type == PiiType.PERSON_NAME;
            boolean open = !address[t] && (cover[t] == 0 || person);
            if (open && lonePlace(tokens, t, cover, single) && !given(tokens, t)) {
                double score = single[t] == null ? 0.6 : Math.max(0.6, single[t].score);
                if (single[t] != null) {
                    gone.add(single[t]);
                }
                added.add(new Candidate(PiiType.LOCATION, tokens.start(t), tokens.end(t), score, Evidence.CONTEXT));
            }
        }
        gone.remove(null);
        if (!gone.isEmpty() || !added.isEmpty()) {
            out.removeIf(gone::contains);
            out.addAll(added);
        }
    }

    private static boolean anyPlaceOrPerson(List<Candidate> out) {
        for (Candidate c : out) {
            if (c.type == PiiType.POSTAL_ADDRESS || c.type == PiiType.LOCATION || c.type == PiiType.PERSON_NAME) {
                return true;
            }
        }
        return false;
    }

    /** A lone capitalised word after "in" ("lived in Leeds") or beside "and" and a place ("Osaka and Ireland"). */
    private static boolean lonePlace(Tokens tokens, int t, int[] cover, Candidate[] single) {
        if (!tokens.isCapitalized(t)) {
            return false;
        }
        boolean alone = (t == 0 || !tokens.isCapitalized(t - 1) || !TokenSpans.spaced(tokens, t - 1))
                && (t + 1 >= tokens.count() || !tokens.isCapitalized(t + 1) || !TokenSpans.spaced(tokens, t));
        if (!alone) {
            return false;
        }
        if (t > 0 && TokenSpans.spaced(tokens, t - 1) && word(tokens, t - 1, PLACE_PREPOSITIONS)) {
            return single[t] != null; // only the tagger's person is corrected, no new finding
        }
        boolean before = t >= 2 && word(tokens, t - 1, AND) && place(tokens, t - 2, cover, single);
        boolean after = t + 2 < tokens.count() && word(tokens, t + 1, AND) && place(tokens, t + 2, cover, single);
        return (before || after) && TokenSpans.spaced(tokens, before ? t - 1 : t);
    }

    /** The tagger's lone place that every list knows as a given name and none as a place. */
    private static boolean givenNameTakenForPlace(Tokens tokens, int t, Candidate c) {
        if (c == null || c.type != PiiType.LOCATION || !c.has(Evidence.MODEL)) {
            return false;
        }
        String lower = tokens.lower(t, 24);
        return lower != null
                && (Gazetteer.isGivenName(lower) || Gazetteer.isWideGivenName(lower))
                && !Gazetteer.isPlace(lower);
    }

    private static boolean place(Tokens tokens, int t, int[] cover, Candidate[] single) {
        return cover[t] == 1 && single[t] != null && single[t].type == PiiType.LOCATION;
    }

    /** The tagger's or the lists' guess of a person or organisation for one word: a place may replace it. */
    private static boolean guess(Candidate c) {
        return c != null
                && (c.type == PiiType.PERSON_NAME || c.type == PiiType.LOCATION || c.type == PiiType.ORGANIZATION)
                && (c.has(Evidence.MODEL) || c.type == PiiType.LOCATION);
    }

    private static boolean given(Tokens tokens, int t) {
        String lower = tokens.lower(t, 24);
        return lower == null
                || (Gazetteer.isGivenName(lower) || Gazetteer.isWideGivenName(lower) || Gazetteer.isFamilyName(lower))
                        && !Gazetteer.isPlace(lower);
    }

    private static boolean word(Tokens tokens, int t, Set<String> words) {
        String lower = tokens.lower(t, 8);
        return lower != null && words.contains(lower);
    }
}
