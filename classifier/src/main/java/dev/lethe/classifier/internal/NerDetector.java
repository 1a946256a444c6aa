package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;

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

    private NerDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        boolean cased = tokens.hasUpper() && !mostlyUpper(tokens.text);
        for (NerModel.Span span : NerModel.shipped().tag(tokens)) {
            PiiType type = type(span.entity());
            int first = span.first();
            int last = span.last();
            boolean address = type == PiiType.POSTAL_ADDRESS;
            if (cased) {
                while (first <= last && lowerEdge(tokens, first, address)) {
                    first++;
                }
                while (last >= first && lowerEdge(tokens, last, false)) {
                    last--;
                }
            }
            if (first > last || !hasLetter(tokens, first, last) || (address && last == first)) {
                continue;
            }
            double lead = Math.max(0, span.margin());
            double score = 0.45 + 0.5 * lead / (lead + HALF_LEAD);
            out.add(new Candidate(type, tokens.start(first), tokens.end(last), score, Evidence.MODEL));
        }
    }

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
    private static boolean mostlyUpper(String text) {
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
