package dev.lethe.classifier;

import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: findings rendered as "TYPE[covered text]" so assertions read like the input. */
final class Scans {

    static final PiiClassifier CLASSIFIER =
            PiiClassifier.builder().defaultRegion("DE").build();

    private Scans() {}

    static List<String> text(String text) {
        return CLASSIFIER.scanText(text).stream()
                .map(f -> f.type() + "[" + text.substring(f.start(), f.end()) + "]")
                .collect(Collectors.toList());
    }

    static List<String> json(String json) {
        return CLASSIFIER.scanJson(json).stream()
                .map(f -> f.path() + " " + f.type())
                .collect(Collectors.toList());
    }
}
