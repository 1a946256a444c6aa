package dev.lethe.classifier.eval;

import java.util.Map;
import java.util.TreeMap;

/** True/false positives and false negatives per key (a type and the input kind), with P/R/F1. */
final class Metrics {

    static final class Counts {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    final Map<String, Counts> byKey = new TreeMap<>();

    Counts of(String key) {
        return byKey.computeIfAbsent(key, k -> new Counts());
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
                    java.util.Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                    parts[0],
                    parts[1],
                    c.tp,
                    c.fp,
                    c.fn,
                    c.precision(),
                    c.recall(),
                    c.f1()));
        });
        return sb.toString();
    }
}
