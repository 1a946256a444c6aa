package dev.lethe.classifier.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Given and family names shipped as class-path resources (read once, at class initialisation: the only
 * resource reading the library does). A few thousand entries: well under a megabyte of heap.
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
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#")) {
                    for (String word : line.strip().split("\\s+")) {
                        if (!word.isEmpty() && !PARTICLES.contains(word)) {
                            words.add(word);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + resource, e);
        }
        return Set.copyOf(words);
    }
}
