package dev.lethe.classifier.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detectors' word lists, kept as class-path resources under {@code dev/lethe/classifier/internal/words/}
 * so that they can be read and reviewed as lists rather than as code: UTF-8, one word or phrase per line,
 * blank lines and lines starting with {@code #} ignored. Callers load them into static fields, so each list
 * is read once at class initialisation and scanning does no I/O. A missing file, a duplicate or (for
 * {@link #lower}) an entry with capitals fails class initialisation with the resource's name: such an entry
 * could never match the lower-cased tokens it is compared with.
 */
final class WordLists {

    static final String FOLDER = "words/";

    private WordLists() {}

    /** A list matched against lower-cased tokens; every entry must be lower case. */
    static Set<String> lower(String name) {
        List<String> words = lines(FOLDER + name);
        for (String word : words) {
            if (!word.equals(word.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("word list " + name + " holds an entry with capitals: " + word);
            }
        }
        return distinct(name, words);
    }

    /** A list matched exactly as written, case included ("AfD", "PiS"). */
    static Set<String> exact(String name) {
        return distinct(name, lines(FOLDER + name));
    }

    /** The stripped, non-blank, non-comment lines of a class-path resource next to this class. */
    static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    lines.add(stripped);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + resource, e);
        }
        return lines;
    }

    private static Set<String> distinct(String name, List<String> words) {
        Set<String> seen = new HashSet<>();
        for (String word : words) {
            if (!seen.add(word)) {
                throw new IllegalStateException("word list " + name + " holds an entry twice: " + word);
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    /**
     * An unmodifiable copy for look-ups on the scanning path. Not {@code Set.copyOf}: its table compares
     * each probed entry with {@code equals} (a dereference each, a cache miss in a list of thousands) and
     * finds the slot by a division; a {@code HashSet} compares the stored hash first, so a word that is in
     * no list — most words — costs one look at the table (the ingest profile had 9.5% of a worker's
     * time in {@code Set.copyOf}'s probing).
     */
    static Set<String> frozen(Collection<String> words) {
        return Collections.unmodifiableSet(new HashSet<>(words));
    }
}
