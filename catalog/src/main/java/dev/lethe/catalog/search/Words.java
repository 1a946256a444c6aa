package dev.lethe.catalog.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits identifiers into words the standard analyzer can match: {@code contact.phone},
 * {@code phone_number}, {@code phoneNumber} and {@code Phone-Number} all give {@code phone}
 * and {@code number}. (The standard tokenizer keeps {@code contact.phone} and
 * {@code phone_number} whole, and the distribution has no word-delimiter filter.)
 */
final class Words {

    private Words() {}

    static List<String> of(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return List.of();
        }
        String spaced = identifier.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Arrays.stream(spaced.split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }
}
