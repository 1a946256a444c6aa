package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds candidates in one string: a single tokenisation, then each detector family over the tokens or
 * the characters, then context scoring. Immutable and thread-safe; all state is per call.
 */
final class TextScanner {

    private final NumberDetectors numbers;

    TextScanner(PhoneMatcher phones) {
        this.numbers = new NumberDetectors(phones);
        NerModel.shipped(); // load the tagger's model now, not in the first scan
    }

    /** Names, places and addresses have letters: text without any ("1 1 1 ...", digit dumps) skips the tagger. */
    private static boolean hasLetter(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (Character.isLetter(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** All candidates with context applied, overlaps not yet resolved. */
    List<Candidate> candidates(String text) {
        List<Candidate> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        Tokens tokens = Tokens.of(text);
        if (text.indexOf("-----BEGIN ") >= 0) {
            SecretDetectors.privateKeys(text, out);
        }
        for (int i = 0; i < tokens.count(); i++) {
            token(tokens, i, out);
        }
        // every number, house number and age has a digit, every name detected here a capital letter
        if (tokens.hasDigit()) {
            numbers.detect(text, out);
            AddressDetector.detect(tokens, out);
        }
        if (tokens.hasUpper()) {
            NameDetector.detect(tokens, out);
        }
        PhraseDetector.detect(tokens, out);
        ContextualDetector.detect(tokens, out);
        ContextScorer.apply(text, out);
        // after context scoring: the tagger has weighed the words around its spans already
        if (tokens.count() >= NerDetector.MIN_TOKENS && hasLetter(text)) {
            NerDetector.detect(tokens, out);
            OrganizationDetector.detect(tokens, out); // after the tagger: it corrects the tagger's spans
            PlaceCorrections.apply(tokens, out);
        }
        return out;
    }

    /** Dispatches one token by its shape to the detectors that can match it. */
    private static void token(Tokens tokens, int i, List<Candidate> out) {
        String text = tokens.text;
        int s = tokens.start(i);
        int e = tokens.end(i);
        int shape = shape(text, s, e);
        boolean at = (shape & AT) != 0;
        boolean letter = (shape & LETTER) != 0;
        if (at) {
            OnlineDetectors.email(text, s, e, out);
        }
        if (online(text, s, e, shape, out)) {
            return;
        }
        if (e - s == 11 && (shape & DIGIT) != 0 && IdTokenDetectors.hetu(text, s, e, out)) {
            return;
        }
        int assign = letter ? Bounded.indexOf(text, '=', s, e) : -1;
        if (assign > s && assign < e - 8) {
            // "token=eyJ...", "AWS_ACCESS_KEY_ID=AKIA...": the value after '=' is a token of its own
            SecretDetectors.token(text, assign + 1, e, out);
            return;
        }
        boolean idShaped = (shape & DIGIT) != 0 || isUpperWord(text, s, e);
        if (letter && !at && e - s >= 4 && !SecretDetectors.token(text, s, e, out) && idShaped) {
            IdTokenDetectors.detect(tokens, i, out);
        } else if (letter && !at && e - s == 2 && isUpperWord(text, s, e)) {
            IdTokenDetectors.detect(tokens, i, out); // spaced forms start with a two-letter group
        }
    }

    private static final int AT = 1;
    private static final int COLON = 2;
    private static final int LETTER = 4;
    private static final int DIGIT = 8;

    private static int shape(String text, int s, int e) {
        int shape = 0;
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (c == '@') {
                shape |= AT;
            } else if (c == ':') {
                shape |= COLON;
            } else if (c >= '0' && c <= '9') {
                shape |= DIGIT;
            } else if (Character.isLetter(c)) {
                shape |= LETTER;
            }
        }
        return shape;
    }

    /** URLs, MAC and IPv6 addresses; returns whether the token was one of them (or holds a colon). */
    private static boolean online(String text, int s, int e, int shape, List<Candidate> out) {
        boolean colon = (shape & COLON) != 0;
        int scheme = colon ? Bounded.indexOf(text, "://", s, e) : -1;
        if (scheme > s && scheme < e) {
            OnlineDetectors.url(text, s, e, scheme, out);
            return true;
        }
        if ((shape & LETTER) != 0 && text.startsWith("www.", s) && e - s > 7) {
            out.add(new Candidate(PiiType.URL, s, e, 0.6, Evidence.PATTERN));
            return true;
        }
        boolean macShaped = (e - s == 17 && text.charAt(s + 2) == '-') || (e - s == 14 && text.charAt(s + 4) == '.');
        return (colon || macShaped) && (network(text, s, e, out) || colon);
    }

    private static boolean network(String text, int s, int e, List<Candidate> out) {
        String t = text.substring(s, e);
        if (OnlineDetectors.isMac(t)) {
            out.add(new Candidate(PiiType.MAC_ADDRESS, s, e, 0.85, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        String bare = t.startsWith("[") ? t.substring(1) : t;
        if (IpAddresses.isV6(bare)) {
            out.add(new Candidate(PiiType.IP_ADDRESS, s, e, 0.85, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        return false;
    }

    private static boolean isUpperWord(String text, int s, int e) {
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
