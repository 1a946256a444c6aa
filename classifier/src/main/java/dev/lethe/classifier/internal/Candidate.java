package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A possible finding while a string is being scanned: its score is still adjusted by context and hints. */
final class Candidate {

    final PiiType type;
    final int start;
    final int end;
    double score;
    private int evidence;

    Candidate(PiiType type, int start, int end, double score, Evidence... evidence) {
        this.type = type;
        this.start = start;
        this.end = end;
        this.score = score;
        for (Evidence e : evidence) {
            add(e);
        }
    }

    void add(Evidence e) {
        evidence |= 1 << e.ordinal();
    }

    boolean has(Evidence e) {
        return (evidence & (1 << e.ordinal())) != 0;
    }

    void raise(double by, Evidence e) {
        score = Math.min(1.0, score + by);
        add(e);
    }

    void lower(double by, Evidence e) {
        score = Math.max(0.0, score - by);
        add(e);
    }

    boolean overlaps(Candidate other) {
        return start < other.end && other.start < end;
    }

    int length() {
        return end - start;
    }

    /** Immutable; one shared instance per combination (there are only 2^8). */
    Set<Evidence> evidence() {
        return EVIDENCE_SETS.get(evidence);
    }

    private static final List<Set<Evidence>> EVIDENCE_SETS = evidenceSets();

    private static List<Set<Evidence>> evidenceSets() {
        Evidence[] all = Evidence.values();
        List<Set<Evidence>> sets = new ArrayList<>(1 << all.length);
        for (int mask = 0; mask < 1 << all.length; mask++) {
            EnumSet<Evidence> set = EnumSet.noneOf(Evidence.class);
            for (Evidence e : all) {
                if ((mask & (1 << e.ordinal())) != 0) {
                    set.add(e);
                }
            }
            sets.add(Set.copyOf(set));
        }
        return List.copyOf(sets);
    }
}
