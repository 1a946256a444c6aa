package dev.lethe.classifier.internal;

import java.util.Set;

/**
 * Capitalised words at the start of sentences and in greetings that are not names or places ("Good
 * morning", "Still no refund", "Thanks"). Only words that are rarely names themselves: no "May", "Will",
 * "Mark" or "Bill".
 */
final class NerStopWords {

    private static final Set<String> WORDS = WordLists.lower("ner-stop-words.txt");

    private NerStopWords() {}

    static boolean contains(String lower) {
        return WORDS.contains(lower);
    }
}
