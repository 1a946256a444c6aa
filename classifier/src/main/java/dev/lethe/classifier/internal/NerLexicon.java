package dev.lethe.classifier.internal;

import java.util.Set;

/**
 * What the classifier's word lists say about a token, as bit flags for the name tagger: the gazetteers
 * generalise where the training names do not reach (a name the synthetic corpus never had).
 */
final class NerLexicon {

    static final int GIVEN = 1;
    static final int FAMILY = 1 << 1;
    static final int TITLE = 1 << 2;
    static final int STREET_AFTER = 1 << 3;
    static final int STREET_BEFORE = 1 << 4;
    static final int STREET_COMPOUND = 1 << 5;
    static final int HOUSE_NUMBER = 1 << 6;
    static final int PARTICLE = 1 << 7;
    static final int MONTH = 1 << 8;
    static final int CAPITALISED = 1 << 9;
    static final int ALL_UPPER = 1 << 10;
    static final int PLACE_CUE = 1 << 11;
    static final int PERSON_CUE = 1 << 12;
    static final int ORG_SUFFIX = 1 << 13;
    static final int POSTAL_CODE = 1 << 14;
    static final int LOWER_START = 1 << 15;
    static final int PLACE = 1 << 16;
    /** A word of the classifier's own vocabulary: context words and field names ("IBAN", "Bestellnummer"). */
    static final int VOCABULARY = 1 << 17;
    /** In the wide (forty-locale) given or family name lists. */
    static final int WIDE_GIVEN = 1 << 18;

    static final int WIDE_FAMILY = 1 << 19;
    /** How many flag bits there are (the features iterate over them). */
    static final int BITS = 20;

    /** Words that often come right before a place ("moved to", "based in", "from"). */
    private static final Set<String> PLACE_CUES = WordLists.lower("place-cues.txt");
    /** Words that often come right before or after a person ("call", "dear", "thanks", "spoke with"). */
    private static final Set<String> PERSON_CUES = WordLists.lower("person-cues.txt");

    private static final Set<String> ORG_SUFFIXES = WordLists.lower("org-suffixes.txt");

    private NerLexicon() {}

    static int flags(Tokens tokens, int i, String lower) {
        int f = 0;
        if (lower != null) {
            if (Gazetteer.isGivenName(lower)) {
                f |= GIVEN;
            }
            if (Gazetteer.isFamilyName(lower)) {
                f |= FAMILY;
            }
            if (NameDetector.TITLES.contains(lower)) {
                f |= TITLE;
            }
            if (AddressDetector.AFTER_NAME.contains(lower)) {
                f |= STREET_AFTER;
            }
            if (AddressDetector.BEFORE_NAME.contains(lower)) {
                f |= STREET_BEFORE;
            }
            if (Gazetteer.PARTICLES.contains(lower)) {
                f |= PARTICLE;
            }
            if (PhraseDetector.MONTHS.contains(lower)) {
                f |= MONTH;
            }
            if (PLACE_CUES.contains(lower)) {
                f |= PLACE_CUE;
            }
            if (PERSON_CUES.contains(lower)) {
                f |= PERSON_CUE;
            }
            if (ORG_SUFFIXES.contains(lower)) {
                f |= ORG_SUFFIX;
            }
            if (Gazetteer.isWideGivenName(lower)) {
                f |= WIDE_GIVEN;
            }
            if (Gazetteer.isWideFamilyName(lower)) {
                f |= WIDE_FAMILY;
            }
            if (Gazetteer.isPlace(lower)) {
                f |= PLACE;
            }
            if (isVocabulary(lower)) {
                f |= VOCABULARY;
            }
        }
        if (AddressDetector.isCompound(tokens, i)) {
            f |= STREET_COMPOUND;
        }
        if (AddressDetector.isHouseNumber(tokens, i)) {
            f |= HOUSE_NUMBER;
        }
        if (tokens.isCapitalized(i)) {
            f |= CAPITALISED;
        } else if (isAllUpper(tokens, i)) {
            f |= ALL_UPPER;
        } else if (Character.isLowerCase(tokens.first(i))) {
            f |= LOWER_START;
        }
        int len = tokens.length(i);
        if ((len == 4 || len == 5) && Checksums.allDigits(tokens.word(i))) {
            f |= POSTAL_CODE;
        }
        return f;
    }

    static boolean isVocabulary(String lower) {
        return ContextWords.mask(lower) != 0
                || FieldVocabulary.TYPES.containsKey(lower)
                || FieldVocabulary.NEGATIVE.contains(lower);
    }

    private static boolean isAllUpper(Tokens tokens, int i) {
        int s = tokens.start(i);
        int e = tokens.end(i);
        if (e - s < 2) {
            return false;
        }
        for (int k = s; k < e; k++) {
            char c = tokens.text.charAt(k);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return Character.isLetter(tokens.first(i));
    }
}
