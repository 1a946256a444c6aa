package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Postal addresses in free text, by the street forms of each language: "221B Baker Street",
 * "Hauptstraße 5", "12 rue de la Paix", "Calle Mayor 3", "Via Roma 10", "Keizersgracht 123", each
 * extended by a following postal code and town.
 */
final class AddressDetector {

    /** English street types that follow the street's name. */
    static final Set<String> AFTER_NAME = Set.of(
            "street",
            "st",
            "avenue",
            "ave",
            "road",
            "rd",
            "lane",
            "ln",
            "drive",
            "dr",
            "boulevard",
            "blvd",
            "way",
            "court",
            "ct",
            "place",
            "pl",
            "terrace",
            "close",
            "crescent",
            "square",
            "sq",
            "parkway",
            "highway",
            "gardens",
            "grove",
            "row",
            "hill",
            "walk",
            "mews");
    /** French, Spanish and Italian street types that precede the name. */
    static final Set<String> BEFORE_NAME = Set.of(
            "rue",
            "avenue",
            "av",
            "boulevard",
            "bd",
            "place",
            "chemin",
            "allée",
            "allee",
            "impasse",
            "quai",
            "route",
            "cours",
            "calle",
            "c/",
            "avenida",
            "avda",
            "paseo",
            "plaza",
            "camino",
            "carrer",
            "ronda",
            "via",
            "viale",
            "piazza",
            "corso",
            "largo",
            "vicolo",
            "strada",
            "piazzale");
    /** German and Dutch compounds end with the street type. */
    static final String[] COMPOUND_ENDINGS = {
        "straße",
        "strasse",
        "str",
        "weg",
        "allee",
        "platz",
        "gasse",
        "damm",
        "ufer",
        "chaussee",
        "straat",
        "laan",
        "plein",
        "gracht",
        "kade",
        "singel",
        "dijk",
        "steeg",
        "markt"
    };

    private AddressDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        for (int i = 0; i < tokens.count(); i++) {
            int end = -1;
            int start = tokens.start(i);
            if (isHouseNumber(tokens, i)) {
                end = streetAfterNumber(tokens, i);
            } else if (tokens.isCapitalized(i) || isLowerBefore(tokens, i)) {
                end = streetThenNumber(tokens, i);
            }
            if (end > i) {
                end = PostalTowns.extend(tokens, end);
                out.add(new Candidate(
                        PiiType.POSTAL_ADDRESS, start, tokens.end(end), 0.75, Evidence.PATTERN, Evidence.GAZETTEER));
                i = end;
            }
        }
    }

    /** "221B Baker Street" or "12 rue de la Paix": returns the last token of the street, or -1. */
    private static int streetAfterNumber(Tokens tokens, int i) {
        int k = i + 1;
        if (k >= tokens.count() || !tokens.adjacent(i, 2)) {
            return -1;
        }
        String first = tokens.lower(k, 12);
        if (first != null && BEFORE_NAME.contains(first)) {
            int last = nameWords(tokens, k + 1, 4);
            if (last > k) {
                return last;
            }
        }
        int words = 0;
        while (k < tokens.count() && words < 3 && tokens.adjacent(k - 1, 1) && tokens.isCapitalized(k)) {
            String lower = tokens.lower(k, 12);
            if (words > 0 && lower != null && AFTER_NAME.contains(lower)) {
                return k;
            }
            words++;
            k++;
        }
        return -1;
    }

    /** "Hauptstraße 5", "Calle Mayor 3", "Via Roma, 10": returns the house number's token, or -1. */
    private static int streetThenNumber(Tokens tokens, int i) {
        if (tokens.length(i) < 2 || i + 1 >= tokens.count()) {
            return -1;
        }
        boolean numberNext = Character.isDigit(tokens.first(i + 1));
        int k = i + 1;
        String lower = tokens.length(i) <= 9 ? tokens.lower(i, 9) : null;
        if (lower != null && BEFORE_NAME.contains(lower)) {
            int last = nameWords(tokens, k, 4);
            if (last < k) {
                return -1;
            }
            k = last + 1;
        } else if (!numberNext || !tokens.isCapitalized(i) || !isCompound(tokens, i)) {
            return -1;
        }
        boolean near = k < tokens.count() && tokens.start(k) - tokens.end(k - 1) <= 2;
        return near && isHouseNumber(tokens, k) ? k : -1;
    }

    /** Capitalised words, allowing particles between them; returns the last word's index or from-1. */
    private static int nameWords(Tokens tokens, int from, int max) {
        int last = from - 1;
        int words = 0;
        for (int k = from; k < tokens.count() && words < max && tokens.adjacent(k - 1, 1); k++) {
            String lower = tokens.lower(k, 12);
            if (lower != null && (Gazetteer.PARTICLES.contains(lower) || lower.equals("l'") || lower.equals("d'"))) {
                continue;
            }
            if (!tokens.isCapitalized(k) && !Character.isDigit(tokens.first(k))) {
                break;
            }
            if (Character.isDigit(tokens.first(k))) {
                break;
            }
            last = k;
            words++;
        }
        return last;
    }

    static boolean isCompound(Tokens tokens, int i) {
        int len = tokens.length(i);
        for (String ending : COMPOUND_ENDINGS) {
            int from = tokens.end(i) - ending.length();
            if (len > ending.length() + 2 && tokens.text.regionMatches(true, from, ending, 0, ending.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLowerBefore(Tokens tokens, int i) {
        return Character.isLowerCase(tokens.first(i)) && tokens.length(i) <= 8;
    }

    /** 1 to 4 digits, optionally a letter or a range: "5", "221B", "12a", "12-14", "3bis". */
    static boolean isHouseNumber(Tokens tokens, int i) {
        int len = tokens.length(i);
        if (len == 0 || len > 7 || !Character.isDigit(tokens.first(i))) {
            return false;
        }
        String w = tokens.lower(i, 7);
        int digits = 0;
        while (digits < w.length() && Character.isDigit(w.charAt(digits))) {
            digits++;
        }
        String rest = w.substring(digits);
        return digits <= 4
                && (rest.isEmpty()
                        || rest.length() == 1 && Character.isLetter(rest.charAt(0))
                        || rest.equals("bis")
                        || rest.equals("ter")
                        || isRange(rest));
    }

    private static boolean isRange(String rest) {
        return rest.length() >= 2
                && rest.length() <= 5
                && rest.charAt(0) == '-'
                && Checksums.allDigits(rest.substring(1));
    }
}
