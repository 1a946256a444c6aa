package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/**
 * People, places, postal addresses and organisations in prose, as the shipped name tagger sees them. Its
 * candidates compete with the gazetteer and street-form detectors in overlap resolution; the score grows
 * with the tagger's lead over the next best label on the weakest token of the span.
 *
 * <p>In text that uses capitals, a name starts and ends with a capitalised word: lower-case words at the
 * edges of a span are trimmed ("again Tobias"), and a span without letters is no name. An address keeps
 * its inner lower-case words ("12 rue de la Paix") and its leading street word ("ul.", "rue").
 */
final class NerDetector {

    /** The lead at which a span scores halfway between the floor and the ceiling. */
    private static final double HALF_LEAD = 3.0;
    /** One capitalised word that no word list knows ("Bearer", "Luhn") needs a clear lead. */
    private static final double LONE_WORD_PENALTY = 0.15;

    /** Prose, not a bare value: a field holding "IG Metall" or "Köln" is left to field names and shapes. */
    static final int MIN_TOKENS = 3;

    private NerDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        boolean cased = tokens.hasUpper() && !mostlyUpper(tokens.text);
        for (NerModel.Span span : NerModel.shipped().tag(tokens)) {
            PiiType type = type(span.entity());
            double lead = Math.max(0, span.margin());
            double score = 0.45 + 0.5 * lead / (lead + HALF_LEAD);
            boolean address = type == PiiType.POSTAL_ADDRESS;
            int from = span.first();
            for (int i = span.first(); i <= span.last(); i++) {
                boolean breakAfter = i == span.last() || breaks(tokens, i, type, cased);
                if (breakAfter) {
                    piece(tokens, type, from, i, cased, score, out);
                    from = i + 1;
                    if (address) {
                        break; // an address ends where prose begins again ("..., Bristol by Friday")
                    }
                }
            }
        }
    }

    /** Emits tokens first..last as one candidate after trimming its edges, if anything is left. */
    private static void piece(
            Tokens tokens, PiiType type, int first, int last, boolean cased, double score, List<Candidate> out) {
        boolean address = type == PiiType.POSTAL_ADDRESS;
        // a span that began the sentence stays "sentence-initial" after trimming ("Ihre Steuernummer"),
        // unless what was trimmed calls someone ("Thanks again Tobias", "Dear Okonkwo")
        boolean startsSentence = tokens.startsSentence(first) && !callsSomeone(tokens, first, last);
        int spanFirst = first;
        while (first <= last && (cased && lowerEdge(tokens, first, address) || edgeWord(tokens, first, type))) {
            first++;
        }
        while (last >= first && (cased && lowerEdge(tokens, last, false) || edgeWord(tokens, last, type))) {
            last--;
        }
        if (first > last || !hasLetter(tokens, first, last) || !plausible(tokens, first, last, address)) {
            return;
        }
        if (type == PiiType.PERSON_NAME && PersonSpans.afterArticle(tokens, first)) {
            return; // "The Nova Blender", "my Galaxy": people take no article
        }
        int start = tokens.start(first);
        int particles = address || type == PiiType.ORGANIZATION ? first : PersonSpans.particlesBefore(tokens, first);
        if (particles < first) {
            // "Mr van den Berg", "Bram van den Berg": the tagger left the particles (and the given name) out
            Candidate given = PersonSpans.personEndingAt(out, tokens, particles - 1);
            if (given != null || PersonSpans.title(tokens, particles - 1)) {
                if (given != null) {
                    out.remove(given);
                    score = Math.max(score, given.score);
                }
                start = given != null ? given.start : tokens.start(particles);
                first = particles;
                type = PiiType.PERSON_NAME;
            }
        }
        if (type == PiiType.PERSON_NAME
                && cased
                && start == tokens.start(first)
                && PersonSpans.givenNameBefore(tokens, first)) {
            first--; // "Chidi Janssen": the tagger kept only the family name
            start = tokens.start(first);
        }
        boolean known = false;
        for (int i = first; i <= last && !known; i++) {
            known = known(tokens, i);
        }
        boolean lone = first == last && !address;
        // without capitals, or for a sentence's first word ("Llámame al ...", "Appelez le ..."), the
        // tagger's guess about a word no list knows is too often wrong
        boolean trimmedStart = startsSentence && first != spanFirst;
        if (!address && !known && (!cased || lone && (trimmedStart || tokens.startsSentence(first)))) {
            return;
        }
        if (address) {
            last = town(tokens, last);
        } else if (afterHouseNumber(tokens, first, last)) {
            return; // "70 Mill Lane": a street, whatever the tagger thought of its name
        }
        if (lone && groupWord(tokens, first)) {
            return; // "Nigerian", "English", "Muslim": a nationality, language or faith, never a name or place
        }
        if (lone && !known && !cued(tokens, first)) {
            return; // "fail Luhn", "Wall Street Journal": a lone unknown word needs a word that calls for a name
        }
        if (lone && isMonth(tokens, first)) {
            return; // "8 julio 1952": Julio is a name, but not here
        }
        double support = score;
        if (lone && !known) {
            support -= LONE_WORD_PENALTY;
        }
        out.add(new Candidate(type, start, tokens.end(last), support, Evidence.MODEL));
    }

    /**
     * Whether a span must end after token i: a lower-case word that is no particle or street word (in text
     * that uses capitals), or, inside names and places, punctuation between words ("Giulia (Acme", "Leeds,
     * Nairobi") other than the full stop of an initial ("J. Smith").
     */
    private static boolean breaks(Tokens tokens, int i, PiiType type, boolean cased) {
        boolean address = type == PiiType.POSTAL_ADDRESS;
        boolean organisation = type == PiiType.ORGANIZATION;
        if (cased
                && i + 1 < tokens.count()
                && Character.isLowerCase(tokens.first(i + 1))
                && !joiner(tokens, i + 1, organisation)) {
            return true;
        }
        if (i + 1 >= tokens.count()) {
            return false;
        }
        String text = tokens.text;
        if (address) {
            return sentenceEnd(tokens, i);
        }
        for (int k = tokens.end(i); k < tokens.start(i + 1); k++) {
            char c = text.charAt(k);
            if (c == '.' && tokens.length(i) == 1) {
                continue;
            }
            if (c != ' ' && c != '-' && c != '\'') {
                return true;
            }
        }
        return false;
    }

    /** A full stop, question or exclamation mark or bracket after token i that is no abbreviation ("St."). */
    private static boolean sentenceEnd(Tokens tokens, int i) {
        String lower = tokens.lower(i, 12);
        boolean abbreviation = lower != null && (lower.length() <= 2 || ABBREVIATIONS.contains(lower));
        for (int k = tokens.end(i); k < tokens.start(i + 1); k++) {
            char c = tokens.text.charAt(k);
            if (c == '!' || c == '?' || c == '(' || c == ')' || c == '.' && !abbreviation) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> ABBREVIATIONS =
            Set.of("str", "ave", "blvd", "apt", "avda", "app", "nr", "no", "bis", "sq", "rd", "ln");

    /**
     * Lower-case words that stay inside a name or street ("de", "van der", "rue") and, in organisations,
     * "of", "and", "für" ("University of Leeds"); between two places "and" separates ("Valencia and Ghent").
     */
    private static boolean joiner(Tokens tokens, int i, boolean organisation) {
        String lower = tokens.lower(i, 12);
        return lower != null
                && (Gazetteer.PARTICLES.contains(lower)
                        || AddressDetector.BEFORE_NAME.contains(lower)
                        || lower.equals("ul")
                        || lower.equals("al")
                        || organisation && JOINERS.contains(lower));
    }

    private static final Set<String> JOINERS = Set.of("of", "and", "for", "the", "für", "und", "et", "e");

    private static boolean lowerEdge(Tokens tokens, int i, boolean addressStart) {
        if (!Character.isLowerCase(tokens.first(i))) {
            return false;
        }
        if (addressStart) {
            String lower = tokens.lower(i, 12);
            return lower == null
                    || !(AddressDetector.BEFORE_NAME.contains(lower) || lower.equals("ul") || lower.equals("al"));
        }
        return true;
    }

    /**
     * A title, a common sentence word or a word of the classifier's vocabulary at the edge of a name or place
     * is not part of it ("Dr", "Good morning", "National Insurance"); organisations keep theirs ("Meridian
     * Bank").
     */
    private static boolean edgeWord(Tokens tokens, int i, PiiType type) {
        if (type == PiiType.POSTAL_ADDRESS) {
            return false;
        }
        String lower = tokens.lower(i, 24);
        if (lower == null) {
            return false;
        }
        boolean common = NameDetector.TITLES.contains(lower) || NerStopWords.contains(lower);
        return common || type != PiiType.ORGANIZATION && NerLexicon.isVocabulary(lower);
    }

    /**
     * Names, places and organisations hold no digits ("ISBN 978-3-...", "room 12"); an address holds a house
     * number or postal code and a capitalised or street word ("12.99 USD" holds neither).
     */
    private static boolean plausible(Tokens tokens, int first, int last, boolean address) {
        boolean number = false;
        boolean word = false;
        for (int i = first; i <= last; i++) {
            boolean digit = false;
            for (int k = tokens.start(i); k < tokens.end(i) && !digit; k++) {
                digit = Character.isDigit(tokens.text.charAt(k));
            }
            if (digit && !address) {
                return false;
            }
            number |= AddressDetector.isHouseNumber(tokens, i)
                    || Character.isDigit(tokens.first(i))
                            && tokens.length(i) <= 7
                            && !tokens.word(i).contains(".");
            word |= tokens.isCapitalized(i) || joiner(tokens, i, false) || AddressDetector.isCompound(tokens, i);
        }
        return !address || (number && word && last > first);
    }

    /**
     * Whether the words around a lone word call for a name or place: a cue before it ("from", "to", "Dear",
     * "Mr"), a comma before it ("Thanks, Eleanor"), or a verb of speech or being after it ("Chidi says").
     */
    private static boolean cued(Tokens tokens, int i) {
        if (i > 0) {
            String before = tokens.lower(i - 1, 12);
            if (before != null
                    && (LONE_CUES_BEFORE.contains(before)
                            || GREETINGS.contains(before)
                            || NameDetector.TITLES.contains(before))) {
                return true;
            }
            for (int k = tokens.end(i - 1); k < tokens.start(i); k++) {
                if (tokens.text.charAt(k) == ',' || tokens.text.charAt(k) == '(') {
                    return true;
                }
            }
        }
        if (i + 1 < tokens.count()) {
            String after = tokens.lower(i + 1, 12);
            return after != null && LONE_CUES_AFTER.contains(after);
        }
        return false;
    }

    private static final Set<String> LONE_CUES_BEFORE = WordLists.lower("lone-name-cues-before.txt");

    private static final Set<String> LONE_CUES_AFTER = WordLists.lower("lone-name-cues-after.txt");

    private static boolean callsSomeone(Tokens tokens, int first, int last) {
        for (int i = first; i <= last; i++) {
            String lower = tokens.lower(i, 12);
            if (lower != null && (NameDetector.TITLES.contains(lower) || GREETINGS.contains(lower))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> GREETINGS = WordLists.lower("greetings.txt");

    /**
     * Extends an address by a town after a comma that closes the sentence or clause ("91 Willow Lane,
     * Galway."): English addresses often have no postal code in prose. Returns the new last token.
     */
    private static int town(Tokens tokens, int last) {
        int next = last + 1;
        if (next >= tokens.count() || !tokens.isCapitalized(next)) {
            return last;
        }
        String gap = tokens.text.substring(tokens.end(last), tokens.start(next));
        String lower = tokens.lower(next, 24);
        if (!gap.equals(", ") || lower == null || NerStopWords.contains(lower) || NerLexicon.isVocabulary(lower)) {
            return last;
        }
        int end = tokens.end(next);
        boolean closes = end == tokens.text.length() || ".!?;,)\n".indexOf(tokens.text.charAt(end)) >= 0;
        return closes ? next : last;
    }

    private static boolean afterHouseNumber(Tokens tokens, int first, int last) {
        String street = tokens.lower(last, 12);
        return first > 0
                && street != null
                && AddressDetector.AFTER_NAME.contains(street)
                && AddressDetector.isHouseNumber(tokens, first - 1);
    }

    private static boolean groupWord(Tokens tokens, int i) {
        String lower = tokens.lower(i, 24);
        return lower != null
                && (ContextualDetector.NATIONALITIES.contains(lower) || ContextualDetector.RELIGIONS.contains(lower));
    }

    private static boolean isMonth(Tokens tokens, int i) {
        String lower = tokens.lower(i, 12);
        return lower != null && PhraseDetector.MONTHS.contains(lower);
    }

    /** Whether a word list knows the word as a name or place, or a title stands before it. */
    private static boolean known(Tokens tokens, int i) {
        String lower = tokens.lower(i, 24);
        String before = i > 0 ? tokens.lower(i - 1, 12) : null;
        return lower != null
                        && (Gazetteer.isGivenName(lower)
                                || Gazetteer.isFamilyName(lower)
                                || Gazetteer.isWideGivenName(lower)
                                || Gazetteer.isWideFamilyName(lower)
                                || Gazetteer.isPlace(lower))
                || before != null && NameDetector.TITLES.contains(before);
    }

    private static boolean hasLetter(Tokens tokens, int first, int last) {
        for (int i = first; i <= last; i++) {
            for (int k = tokens.start(i); k < tokens.end(i); k++) {
                if (Character.isLetter(tokens.text.charAt(k))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Shouted text ("PLEASE CALL ME") says nothing by its capitals. */
    static boolean mostlyUpper(String text) {
        int upper = 0;
        int lower = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            upper += Character.isUpperCase(c) ? 1 : 0;
            lower += Character.isLowerCase(c) ? 1 : 0;
        }
        return upper > lower;
    }

    private static PiiType type(NerModel.Entity entity) {
        return switch (entity) {
            case PERSON -> PiiType.PERSON_NAME;
            case LOCATION -> PiiType.LOCATION;
            case ADDRESS -> PiiType.POSTAL_ADDRESS;
            case ORGANIZATION -> PiiType.ORGANIZATION;
        };
    }
}
