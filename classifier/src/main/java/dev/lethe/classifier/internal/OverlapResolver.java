package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        // kept spans never overlap each other, so only the neighbours by start can overlap a new one
        TreeMap<Integer, Candidate> kept = new TreeMap<>();
        for (Candidate c : sorted) {
            Map.Entry<Integer, Candidate> before = kept.floorEntry(c.start);
            Map.Entry<Integer, Candidate> after = kept.ceilingEntry(c.start);
            boolean free = (before == null || !before.getValue().overlaps(c))
                    && (after == null || !after.getValue().overlaps(c));
            if (free) {
                kept.put(c.start, c);
            }
        }
        return new ArrayList<>(kept.values());
    }
}
