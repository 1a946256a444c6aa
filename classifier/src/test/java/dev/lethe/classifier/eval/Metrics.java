package dev.lethe.classifier.eval;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * True/false positives and false negatives per key (a type and the input kind), with P/R/F1. A
 * figure with nothing to measure is n/a, never a perfect 1.0: precision without predictions, recall
 * without gold examples, all three for a key with neither. Macro averages leave n/a out.
 */
final class Metrics {

    static final class Counts {
        int tp;
        int fp;
        int fn;

        /** Nothing was labelled and nothing predicted: there is no evidence either way. */
        boolean absent() {
            return tp + fp + fn == 0;
        }

        /** n/a without predictions. */
        OptionalDouble precision() {
            return tp + fp == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / (tp + fp));
        }

        /** n/a without gold examples. */
        OptionalDouble recall() {
            return tp + fn == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / (tp + fn));
        }

        /** n/a for an absent key; 0 when only one side exists (everything missed, or only false alarms). */
        OptionalDouble f1() {
            if (absent()) {
                return OptionalDouble.empty();
            }
            double p = precision().orElse(0);
            double r = recall().orElse(0);
            return OptionalDouble.of(p + r == 0 ? 0 : 2 * p * r / (p + r));
        }
    }

    final Map<String, Counts> byKey = new TreeMap<>();

    /** The counts of {@code key}, created empty (absent) on first use. */
    Counts of(String key) {
        return byKey.computeIfAbsent(key, k -> new Counts());
    }

    OptionalDouble macroPrecision() {
        return macro(Counts::precision);
    }

    OptionalDouble macroRecall() {
        return macro(Counts::recall);
    }

    OptionalDouble macroF1() {
        return macro(Counts::f1);
    }

    /** The mean of the keys' figures that are not n/a; n/a when none is. */
    private OptionalDouble macro(Function<Counts, OptionalDouble> figure) {
        return byKey.values().stream()
                .map(figure)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .average();
    }

    String markdown(String title, String notes) {
        StringBuilder sb = new StringBuilder("# ")
                .append(title)
                .append("\n\n")
                .append(notes)
                .append("\n\n");
        sb.append(
                "| type | input | TP | FP | FN | precision | recall | F1 |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        byKey.forEach((key, c) -> {
            String[] parts = key.split("/");
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %s | %s | %s |%n",
                    parts[0],
                    parts[1],
                    c.tp,
                    c.fp,
                    c.fn,
                    figure(c.precision()),
                    figure(c.recall()),
                    figure(c.f1())));
        });
        sb.append(String.format(
                Locale.ROOT,
                "| macro average (n/a left out) | | | | | %s | %s | %s |%n",
                figure(macroPrecision()),
                figure(macroRecall()),
                figure(macroF1())));
        return sb.toString();
    }

    static String figure(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
    }
}
