package dev.lethe.classifier;

import java.util.List;

/** What the shipped classifier finds in free text, as {@code TYPE[span]} strings, for readable assertions. */
final class FoundInText {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();

    private FoundInText() {}

    static List<String> found(String text) {
        return CLASSIFIER.scanText(text).stream()
                .map(f -> f.type() + "[" + text.substring(f.start(), f.end()) + "]")
                .toList();
    }
}
