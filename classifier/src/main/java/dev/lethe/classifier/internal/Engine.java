package dev.lethe.classifier.internal;

import dev.lethe.classifier.ColumnClassification;
import dev.lethe.classifier.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The classifier's machinery behind {@code PiiClassifier}. Immutable after construction and safe to share
 * between threads: every scan keeps its state on its own stack.
 */
public final class Engine {

    private final TextScanner text;
    private final FieldScanner fields;
    private final ColumnClassifier columns;
    private final double minScore;
    private final int maxDepth;

    public Engine(String defaultRegion, double minScore, int maxDepth) {
        this.text = new TextScanner(new PhoneMatcher(defaultRegion));
        this.fields = new FieldScanner(text, minScore);
        this.columns = new ColumnClassifier(fields);
        this.minScore = minScore;
        this.maxDepth = maxDepth;
    }

    public List<Finding> scanText(String value) {
        List<Candidate> kept = OverlapResolver.resolve(text.candidates(value), minScore);
        List<Finding> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            out.add(new Finding(c.type, null, c.start, c.end, FieldScanner.round(c.score), c.evidence(), null));
        }
        return out;
    }

    /** Scans a JSON document; a top-level JSON string is scanned as free text (findings without a path). */
    public List<Finding> scanJson(String json) {
        List<Finding> out = new ArrayList<>();
        String topLevelString = new JsonScanner(json, fields, maxDepth, out).scanDocument();
        return topLevelString == null ? out : scanText(topLevelString);
    }

    public List<Finding> scanTree(Object tree) {
        List<Finding> out = new ArrayList<>();
        new TreeWalker(fields, maxDepth, out).walk(tree, FieldHint.NONE, null, 0);
        return out;
    }

    public List<Finding> scanField(String path, String fieldName, String value) {
        List<Finding> out = new ArrayList<>();
        fields.scan(path, FieldNames.hint(fieldName), value, out);
        return out;
    }

    public ColumnClassification classifyColumn(String fieldName, Collection<String> sample) {
        return columns.classify(fieldName, sample);
    }
}
