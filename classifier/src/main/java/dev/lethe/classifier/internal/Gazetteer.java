package dev.lethe.classifier.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Given and family names shipped as class-path resources (read once, at class initialisation, through
 * {@link WordLists}). A few thousand entries: well under a megabyte of heap.
 */
final class Gazetteer {

    static final Set<String> PARTICLES = Set.of(
            "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "des", "dos", "das", "le", "la", "ten",
            "ter", "zu", "y", "het", "'t");

    private static final Set<String> GIVEN = load("given-names.txt");
    private static final Set<String> FAMILY = load("family-names.txt");
    /** One-word countries, regions and towns (generated for the name tagger, see {@code NerTraining}). */
    private static final Set<String> PLACES = load(NerModel.PLACES);
    /**
     * Given and family names of some forty Latin-script locales (generated for the name tagger, see {@code
     * NerTraining}): features and a lone word's support in prose only, never a finding by themselves.
     */
    private static final Set<String> WIDE_GIVEN = load(NerModel.GIVEN_NAMES);

    private static final Set<String> WIDE_FAMILY = load(NerModel.FAMILY_NAMES);

    private Gazetteer() {}

    static boolean isGivenName(String lower) {
        return GIVEN.contains(lower);
    }

    static boolean isFamilyName(String lower) {
        return FAMILY.contains(lower);
    }

    static boolean isWideGivenName(String lower) {
        return WIDE_GIVEN.contains(lower);
    }

    static boolean isWideFamilyName(String lower) {
        return WIDE_FAMILY.contains(lower);
    }

    static boolean isPlace(String lower) {
        return PLACES.contains(lower);
    }

    static int size() {
        return GIVEN.size() + FAMILY.size();
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        for (String line : WordLists.lines(resource)) {
            for (String word : line.split("\\s+")) {
                if (!PARTICLES.contains(word)) {
                    words.add(word);
                }
            }
        }
        return WordLists.frozen(words);
    }
}
