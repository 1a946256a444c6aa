package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Corrections of the tagger's people and places around organisations (for {@link OrganizationDetector}): a
 * name after an organisation cue, and a town after an organisation and a comma.
 */
final class OrganizationCorrections {

    private OrganizationCorrections() {}

    /**
     * A person or place the tagger found right after an organisation cue is the organisation ("works for
     * Northwind", "Employer: Tallis"), unless it starts with a given name or a title ("works for Anna Berg").
     */
    static void cuedModelSpans(Tokens tokens, List<Candidate> out) {
        for (int j = 0; j < out.size(); j++) {
            Candidate c = out.get(j);
            if (!c.has(Evidence.MODEL) || c.type != PiiType.PERSON_NAME && c.type != PiiType.LOCATION) {
                continue;
            }
            int t = TokenSpans.tokenAfter(tokens, c.start);
            if (t >= tokens.count() || tokens.start(t) != c.start || !OrganizationDetector.cued(tokens, t)) {
                continue;
            }
            if (!givenName(tokens, t) && !PersonSpans.title(tokens, t - 1)) {
                out.set(
                        j,
                        new Candidate(PiiType.ORGANIZATION, c.start, c.end, c.score, Evidence.MODEL, Evidence.CONTEXT));
            }
        }
    }

    /** "Meridian Bank, Rotterdam.": one capitalised word after an organisation and a comma, closing the clause. */
    static void townsAfter(Tokens tokens, List<Candidate> out) {
        int n = tokens.count();
        boolean[] wanted = null;
        for (Candidate c : out) {
            int last = c.type == PiiType.ORGANIZATION ? TokenSpans.tokenBefore(tokens, c.end) : -1;
            if (last >= 0 && last + 1 < n && tokens.end(last) == c.end && TokenSpans.town(tokens, last + 1)) {
                wanted = wanted == null ? new boolean[n] : wanted;
                wanted[last + 1] = true;
            }
        }
        if (wanted == null) {
            return;
        }
        int[] cover = new int[n];
        Candidate[] exact = new Candidate[n];
        for (Candidate c : out) {
            int from = TokenSpans.tokenAfter(tokens, c.start);
            int to = TokenSpans.tokenBefore(tokens, c.end);
            for (int t = from; t <= to; t++) {
                if (wanted[t]) {
                    cover[t]++;
                    boolean same = from == to && tokens.start(t) == c.start && tokens.end(t) == c.end;
                    boolean guess = c.type == PiiType.PERSON_NAME || c.type == PiiType.ORGANIZATION;
                    exact[t] = same && guess && c.has(Evidence.MODEL) ? c : null;
                }
            }
        }
        Set<Candidate> gone = new HashSet<>();
        List<Candidate> towns = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (wanted[t] && (cover[t] == 0 || cover[t] == 1 && exact[t] != null)) {
                double score = exact[t] == null ? 0.6 : Math.max(0.6, exact[t].score);
                if (exact[t] != null) {
                    gone.add(exact[t]);
                }
                towns.add(new Candidate(PiiType.LOCATION, tokens.start(t), tokens.end(t), score, Evidence.CONTEXT));
            }
        }
        out.removeIf(gone::contains);
        out.addAll(towns);
    }

    private static boolean givenName(Tokens tokens, int t) {
        String lower = tokens.lower(t, 24);
        return lower != null && (Gazetteer.isGivenName(lower) || Gazetteer.isWideGivenName(lower));
    }
}
