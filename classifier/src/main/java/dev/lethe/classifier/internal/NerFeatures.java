package dev.lethe.classifier.internal;

/**
 * The features the name tagger sees for one token, as hashed bucket numbers (no strings are built per
 * feature). Training and tagging share this class, so the model always sees the same features it was
 * trained on. Per sentence state only; one instance per tagging call.
 */
final class NerFeatures {

    static final int MAX = 64;

    private final Tokens tokens;
    private final int mask;
    private final int[] wordHash;
    private final int[] shapeHash;
    private final int[] lexicon;

    NerFeatures(Tokens tokens, int buckets) {
        this.tokens = tokens;
        this.mask = buckets - 1;
        int n = tokens.count();
        wordHash = new int[n];
        shapeHash = new int[n];
        lexicon = new int[n];
        for (int i = 0; i < n; i++) {
            String lower = tokens.lower(i, 24);
            wordHash[i] = lower == null ? 0x5f3759df : lower.hashCode();
            shapeHash[i] = shape(tokens, i);
            lexicon[i] = NerLexicon.flags(tokens, i, lower);
        }
    }

    /**
     * Training only: the lists forget token {@code i}, as they will forget many real names (feature dropout,
     * so that the model does not lean on the lists alone).
     */
    void forget(int i) {
        lexicon[i] &= NerLexicon.CAPITALISED
                | NerLexicon.ALL_UPPER
                | NerLexicon.LOWER_START
                | NerLexicon.HOUSE_NUMBER
                | NerLexicon.POSTAL_CODE
                | NerLexicon.STREET_COMPOUND;
    }

    /**
     * Writes the feature buckets of token {@code i} into {@code out} given the two labels before it;
     * returns how many were written.
     */
    int features(int i, int prev, int prev2, int[] out) {
        int n = 0;
        int w = wordHash[i];
        int s = shapeHash[i];
        out[n++] = bucket(1, 0);
        out[n++] = bucket(2, w);
        out[n++] = bucket(3, word(i - 1));
        out[n++] = bucket(4, word(i + 1));
        out[n++] = bucket(5, word(i - 2));
        out[n++] = bucket(6, word(i + 2));
        out[n++] = bucket(7, s);
        out[n++] = bucket(8, shapeAt(i - 1));
        out[n++] = bucket(9, shapeAt(i + 1));
        out[n++] = bucket(10, mix(shapeAt(i - 1), mix(s, shapeAt(i + 1))));
        out[n++] = bucket(11, suffix(i, 3));
        out[n++] = bucket(12, suffix(i, 2));
        out[n++] = bucket(13, prev);
        out[n++] = bucket(14, mix(prev, prev2));
        out[n++] = bucket(15, mix(prev, s));
        out[n++] = bucket(16, mix(prev, w));
        out[n++] = bucket(17, mix(word(i - 1), w));
        out[n++] = bucket(18, mix(w, word(i + 1)));
        out[n++] = bucket(19, punctuationAfter(i));
        out[n++] = bucket(20, punctuationAfter(i - 1));
        out[n++] = bucket(21, sentenceStart(i) ? 1 : 0);
        out[n++] = bucket(22, Math.min(tokens.length(i), 12));
        out[n++] = bucket(23, prefix(i, 3));
        n = lexicon(24, lexicon[i], out, n);
        n = lexicon(48, i > 0 ? lexicon[i - 1] : 1 << 30, out, n);
        n = lexicon(68, i + 1 < lexicon.length ? lexicon[i + 1] : 1 << 30, out, n);
        if (i > 1) {
            n = lexicon(88, lexicon[i - 2], out, n);
        }
        return n;
    }

    /** One feature per lexicon flag set; the template id plus the flag's bit keeps them apart. */
    private int lexicon(int template, int flags, int[] out, int n) {
        if (flags == 0) {
            out[n++] = bucket(template, 0);
            return n;
        }
        for (int bit = 0; bit < NerLexicon.BITS && n < MAX; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out[n++] = bucket(template + bit + 1, 1);
            }
        }
        if ((flags & (1 << 30)) != 0 && n < MAX) {
            out[n++] = bucket(template, 2);
        }
        return n;
    }

    private int word(int i) {
        return i < 0 ? 0x1111 : i >= wordHash.length ? 0x2222 : wordHash[i];
    }

    private int shapeAt(int i) {
        return i < 0 ? 0x3333 : i >= shapeHash.length ? 0x4444 : shapeHash[i];
    }

    private int suffix(int i, int len) {
        int s = tokens.start(i);
        int e = tokens.end(i);
        int h = 17;
        for (int k = Math.max(s, e - len); k < e; k++) {
            h = h * 31 + Character.toLowerCase(tokens.text.charAt(k));
        }
        return h;
    }

    private int prefix(int i, int len) {
        int s = tokens.start(i);
        int e = Math.min(tokens.end(i), s + len);
        int h = 19;
        for (int k = s; k < e; k++) {
            h = h * 31 + Character.toLowerCase(tokens.text.charAt(k));
        }
        return h;
    }

    private int punctuationAfter(int i) {
        if (i < 0) {
            return 0x77;
        }
        int e = tokens.end(i);
        String text = tokens.text;
        int limit = Math.min(text.length(), e + 2);
        for (int k = e; k < limit; k++) {
            char c = text.charAt(k);
            if (c != ' ') {
                return c;
            }
        }
        return e >= text.length() ? 0x78 : ' ';
    }

    private boolean sentenceStart(int i) {
        if (i == 0) {
            return true;
        }
        int p = punctuationAfter(i - 1);
        return p == '.' || p == '!' || p == '?' || p == ':' || p == '\n';
    }

    /** Word shape: X upper, x lower, d digit, other characters as they are, runs collapsed, capped. */
    static int shape(Tokens tokens, int i) {
        int s = tokens.start(i);
        int e = tokens.end(i);
        int h = 23;
        char last = 0;
        int runs = 0;
        for (int k = s; k < e && runs < 8; k++) {
            char c = tokens.text.charAt(k);
            char cls = Character.isUpperCase(c)
                    ? 'X'
                    : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : Character.isLetter(c) ? 'x' : c;
            if (cls != last) {
                h = h * 31 + cls;
                last = cls;
                runs++;
            }
        }
        // digit counts tell postal codes (4-5 digits) from house numbers (1-3)
        if (last == 'd' && runs == 1) {
            h = h * 31 + (e - s);
        }
        return h;
    }

    static int mix(int a, int b) {
        int h = a * 0x9E3779B1 + b;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private int bucket(int template, int value) {
        int h = mix(template * 0x27d4eb2d, value);
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & mask;
    }
}
