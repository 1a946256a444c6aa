package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps, among overlapping candidates, the best supported: higher score first, then the longer span,
 * then the type declared first (more specific types are declared before general ones).
 */
final class OverlapResolver {

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble((Candidate c) -> -c.score)
            .thenComparingInt(c -> -c.length())
            .thenComparingInt(c -> c.type.ordinal());

    private OverlapResolver() {}

    static List<Candidate> resolve(List<Candidate> candidates, double minScore) {
        List<Candidate> sorted = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (c.score >= minScore) {
                sorted.add(c);
            }
        }
        if (sorted.size() < 2) {
            return sorted;
        }
        sorted.sort(BEST_FIRST);
        List<Candidate> kept = new ArrayList<>(sorted.size());
        for (Candidate c : sorted) {
            if (!overlapsAny(c, kept)) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt((Candidate c) -> c.start));
        return kept;
    }

    private static boolean overlapsAny(Candidate c, List<Candidate> kept) {
        for (Candidate k : kept) {
            if (k.overlaps(c)) {
                return true;
            }
        }
        return false;
    }
}
