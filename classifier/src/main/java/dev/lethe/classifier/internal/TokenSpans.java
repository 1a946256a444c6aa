package dev.lethe.classifier.internal;

/** Token positions for the corrections after the name tagger: spacing, offsets to tokens, closing towns. */
final class TokenSpans {

    private TokenSpans() {}

    /** Whether exactly one space separates token i from the next. */
    static boolean spaced(Tokens tokens, int i) {
        return i + 1 < tokens.count()
                && tokens.start(i + 1) == tokens.end(i) + 1
                && tokens.text.charAt(tokens.end(i)) == ' ';
    }

    /** Token t is one capitalised word after ", " that closes the clause and that no list knows as a given name only. */
    static boolean town(Tokens tokens, int t) {
        String lower = tokens.lower(t, 24);
        if (lower == null || !tokens.isCapitalized(t) || tokens.start(t) != tokens.end(t - 1) + 2) {
            return false;
        }
        if (tokens.text.charAt(tokens.end(t - 1)) != ',' || NerStopWords.contains(lower)) {
            return false;
        }
        if (NerLexicon.isVocabulary(lower) || Gazetteer.isGivenName(lower) && !Gazetteer.isPlace(lower)) {
            return false;
        }
        int end = tokens.end(t);
        return end == tokens.text.length() || ".!?;)\n".indexOf(tokens.text.charAt(end)) >= 0;
    }

    /** The first token that ends after the offset (the token count if none). */
    static int tokenAfter(Tokens tokens, int offset) {
        int lo = 0;
        int hi = tokens.count();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.end(mid) > offset) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The last token that starts before the offset (-1 if none). */
    static int tokenBefore(Tokens tokens, int offset) {
        int lo = 0;
        int hi = tokens.count();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.start(mid) < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
