package dev.lethe.classifier;

import dev.lethe.classifier.internal.Engine;
import dev.lethe.classifier.internal.FieldNames;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds personal data and secrets in free text, JSON records and columns.
 *
 * <p>Instances are immutable and thread-safe; build one and share it. No method does I/O (the name
 * dictionaries are read from the class path once, when the class is first used). Inputs are never
 * logged and never appear in exception messages.
 *
 * <pre>{@code
 * PiiClassifier classifier = PiiClassifier.builder().defaultRegion("DE").build();
 * List<Finding> findings = classifier.scanJson("{\"customer\":{\"email\":\"anna@example.org\"}}");
 * }</pre>
 */
public final class PiiClassifier {

    /** The deepest nesting of objects and arrays accepted by default. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Findings below this score are dropped by default. */
    public static final double DEFAULT_MIN_SCORE = 0.5;

    private final Engine engine;

    private PiiClassifier(Builder builder) {
        this.engine = new Engine(builder.defaultRegion, builder.minScore, builder.maxDepth);
    }

    /** A classifier with the defaults: no default phone region, minimum score 0.5, depth 64. */
    public static PiiClassifier create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Findings in free text, as character spans (path {@code null}), ordered by start, not overlapping. */
    public List<Finding> scanText(String text) {
        return engine.scanText(Objects.requireNonNull(text, "text"));
    }

    /**
     * Findings in one JSON document (object, array or scalar). Strings inside records are reported with
     * their JSON path and spans within the string; a top-level string is scanned as free text.
     *
     * @throws InvalidInputException when the document is not valid JSON or nests deeper than allowed
     */
    public List<Finding> scanJson(String json) {
        return engine.scanJson(Objects.requireNonNull(json, "json"));
    }

    /**
     * Findings in a record already parsed into {@link Map}s, {@link Iterable}s, {@link CharSequence}s,
     * {@link Number}s and {@link Boolean}s (other values are ignored).
     *
     * @throws InvalidInputException when the record nests deeper than allowed
     */
    public List<Finding> scanRecord(Object record) {
        return engine.scanTree(record);
    }

    /** Findings in one field value, with the field's name as evidence; {@code path} is copied to the findings. */
    public List<Finding> scanField(String path, String fieldName, String value) {
        return engine.scanField(Objects.requireNonNull(path, "path"), Objects.requireNonNull(fieldName), value);
    }

    /** Classifies a column from a sample of its values, for the catalog's discovery. Null and blank values are skipped. */
    public ColumnClassification classifyColumn(String fieldName, Collection<String> sample) {
        return engine.classifyColumn(Objects.requireNonNull(fieldName, "fieldName"), sample);
    }

    /**
     * The text with every finding replaced by its type in brackets ("[EMAIL_ADDRESS]"), for log output and
     * error messages that must not carry personal data. Thread-safe; the input is never retained.
     */
    public String mask(String text) {
        List<Finding> findings = scanText(Objects.requireNonNull(text, "text"));
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        for (Finding f : findings) {
            masked.append(text, from, f.start())
                    .append('[')
                    .append(f.type().name())
                    .append(']');
            from = f.end();
        }
        return masked.append(text, from, text.length()).toString();
    }

    /** The GDPR Art. 9 category a field name reveals, if any ("diagnosis" reveals health data). */
    public static Optional<SpecialCategory> specialCategoryOf(String fieldName) {
        return Optional.ofNullable(FieldNames.hint(fieldName).special());
    }

    /** Settings of a classifier. */
    public static final class Builder {
        private String defaultRegion;
        private double minScore = DEFAULT_MIN_SCORE;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {}

        /**
         * The region (ISO 3166 alpha-2, e.g. "DE") for phone numbers written without an international
         * prefix when context names none. Without it such numbers are found only via context words.
         */
        public Builder defaultRegion(String region) {
            if (region != null && !region.matches("[A-Za-z]{2}")) {
                throw new IllegalArgumentException("defaultRegion must be an ISO 3166 alpha-2 code");
            }
            this.defaultRegion = region == null ? null : region.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Findings scoring below this (0..1) are dropped. */
        public Builder minScore(double minScore) {
            if (minScore < 0 || minScore > 1) {
                throw new IllegalArgumentException("minScore must be within 0..1");
            }
            this.minScore = minScore;
            return this;
        }

        /** The deepest nesting accepted in records (at least 1). */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1");
            }
            this.maxDepth = maxDepth;
            return this;
        }

        public PiiClassifier build() {
            return new PiiClassifier(this);
        }
    }
}
