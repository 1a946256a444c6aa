package dev.lethe.classifier.internal;

import dev.lethe.classifier.ColumnClassification;
import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a column from a sample of its values: each value is scanned as a field of that name, and the
 * type found in the largest share of values wins if that share is large enough. A telling name needs a
 * smaller share; a column of prose reports what it contains in {@code shares} without a single type.
 */
final class ColumnClassifier {

    /** Share of values that must hold the type when the name says nothing. */
    static final double MIN_SHARE = 0.6;
    /** Share needed when the name names the type. */
    static final double MIN_SHARE_NAMED = 0.3;

    private final FieldScanner fields;

    ColumnClassifier(FieldScanner fields) {
        this.fields = fields;
    }

    ColumnClassification classify(String fieldName, Collection<String> sample) {
        FieldHint hint = FieldNames.hint(fieldName);
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        int sampled = 0;
        List<Finding> findings = new ArrayList<>();
        for (String value : sample) {
            if (value == null || value.isBlank()) {
                continue;
            }
            sampled++;
            findings.clear();
            fields.scan(fieldName, hint, value, findings);
            Set<PiiType> types = EnumSet.noneOf(PiiType.class);
            for (Finding f : findings) {
                types.add(f.type());
            }
            types.forEach(t -> counts.merge(t, 1, Integer::sum));
        }
        Map<PiiType, Double> shares = new EnumMap<>(PiiType.class);
        PiiType best = null;
        double bestShare = 0;
        for (Map.Entry<PiiType, Integer> e : counts.entrySet()) {
            double share = (double) e.getValue() / sampled;
            shares.put(e.getKey(), FieldScanner.round(share));
            if (e.getKey() != PiiType.SPECIAL_CATEGORY && share > bestShare) {
                best = e.getKey();
                bestShare = share;
            }
        }
        double needed = best != null && best == hint.type() ? MIN_SHARE_NAMED : MIN_SHARE;
        if (bestShare < needed) {
            best = null;
        }
        double score =
                best == null ? 0 : FieldScanner.round(Math.min(1.0, bestShare + (best == hint.type() ? 0.2 : 0)));
        return new ColumnClassification(fieldName, best, score, shares, sampled, hint.special());
    }
}
