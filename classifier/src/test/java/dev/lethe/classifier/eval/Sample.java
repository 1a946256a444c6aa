package dev.lethe.classifier.eval;

import dev.lethe.classifier.PiiType;
import java.util.List;

/**
 * One labelled input of the corpus.
 *
 * @param record whether {@code input} is a JSON record (else free text)
 * @param labels the personal data in it; empty for negatives
 */
record Sample(boolean record, String input, List<Label> labels) {

    /** Where one piece of personal data is: its JSON path (records) and character span within that string. */
    record Label(PiiType type, String path, int start, int end) {}
}
