package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Contextual personal data in prose that word lists and a neighbouring word reveal: nationalities ("she is
 * Nigerian", "polnische Staatsbürgerin"), religious and political groups (GDPR Art. 9 hints: "a practising
 * Muslim", "SPD-Mitglied", "votes Labour"), titles before a name ("Dr.", "Frau"), absolute dates and clock
 * times ("since March 2019", "am 12.03.2021", "after 5pm"), postal codes after a postcode word ("zip
 * 94103", "PLZ 10435"), domain names ("example.co.uk") and user names ("@anna_k", "username: jdoe").
 *
 * <p>Precision first: words that are also names, languages or ordinary words ("Christian", "German",
 * "May", "Labour") need a cue next to them; nothing here fires on a bare number.
 */
final class ContextualDetector {

    private ContextualDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        int n = tokens.count();
        boolean lowerText = !tokens.hasUpper();
        for (int i = 0; i < n; i++) {
            if (tokens.length(i) > 64) {
                continue;
            }
            char first = tokens.first(i);
            if (first == '@') {
                handle(tokens, i, out);
                continue;
            }
            if (Character.isDigit(first)) {
                numberDate(tokens, i, out);
                clockTime(tokens, i, out);
                continue;
            }
            if (!Character.isLetter(first)) {
                continue;
            }
            boolean dot = Bounded.indexOf(tokens.text, '.', tokens.start(i), tokens.end(i)) > 0;
            boolean abbreviation = Character.isUpperCase(first)
                    && tokens.length(i) <= 5
                    && PARTY_ABBREVIATIONS.contains(tokens.word(i));
            String lower = tokens.lower(i, 40);
            if (lower == null || !dot && !abbreviation && !Keywords.ALL.contains(lower)) {
                continue; // one look-up for the ordinary word
            }
            if (dot) {
                domain(tokens, i, lower, out);
                continue;
            }
            if (MONTHS_FOR_DATES.contains(lower)) {
                writtenDate(tokens, i, lower, out);
            }
            if (TITLES.contains(lower)) {
                title(tokens, i, lower, lowerText, out);
            }
            if (NATIONALITIES.contains(lower)) {
                nationality(tokens, i, lower, out);
            }
            if (RELIGIONS.contains(lower)) {
                religion(tokens, i, lower, out);
            }
            if (PARTY_WORDS.contains(lower) || abbreviation) {
                political(tokens, i, lower, out);
            }
            if (ZIP_CUES.contains(lower)) {
                zip(tokens, i, out);
            }
            if (USER_CUES.contains(lower)) {
                username(tokens, i, out);
            }
        }
    }

    /** Every word that starts one of the checks below, for a single look-up per token. */
    private static final class Keywords {
        static final Set<String> ALL = keywords();
    }

    private static Set<String> keywords() {
        Set<String> all = new HashSet<>();
        for (Set<String> words :
                List.of(MONTHS_FOR_DATES, TITLES, NATIONALITIES, RELIGIONS, PARTY_WORDS, ZIP_CUES, USER_CUES)) {
            all.addAll(words);
        }
        return WordLists.frozen(all);
    }

    // ---- nationalities ----

    private static final Set<String> NATIONALITY_ADJECTIVES = WordLists.lower("nationality-adjectives.txt");

    /** German adjective stems; every declension ending is accepted ("deutsch", "deutsche", "deutschen" ...). */
    private static final Set<String> GERMAN_STEMS = WordLists.lower("nationality-stems-de.txt");

    /** People nouns that name a nationality by themselves ("Italienerin", "Nigerians", "a Pole"). */
    private static final Set<String> NATIONALITY_NOUNS = WordLists.lower("nationality-nouns.txt");

    static final Set<String> NATIONALITIES = nationalities();

    private static Set<String> nationalities() {
        Set<String> all = new HashSet<>(NATIONALITY_ADJECTIVES);
        all.addAll(NATIONALITY_NOUNS);
        for (String stem : GERMAN_STEMS) {
            for (String ending : new String[] {"", "e", "en", "er", "es", "em"}) {
                all.add(stem + ending);
            }
        }
        return WordLists.frozen(all);
    }

    /** Words right before a nationality that make it one ("I am", "she's a", "nationality:"). */
    private static final Set<String> BEING = WordLists.lower("nationality-cues-before.txt");

    /** People nouns after a nationality adjective ("a German citizen", "polnische Staatsbürgerin"). */
    private static final Set<String> PEOPLE = WordLists.lower("nationality-people-nouns.txt");

    private static void nationality(Tokens tokens, int i, String lower, List<Candidate> out) {
        if (nextIsCapitalizedWord(tokens, i) && !lowerAt(tokens, i + 1, PEOPLE)) {
            return; // "German Red Cross", "Deutsche Bank", "Polish Airlines": part of a name
        }
        boolean noun = NATIONALITY_NOUNS.contains(lower) && tokens.isCapitalized(i);
        boolean cue = being(tokens, i) || lowerAt(tokens, i + 1, PEOPLE);
        if (noun && !lower.equals("pole") && !lower.equals("poles") && !lower.equals("finn") || cue) {
            out.add(new Candidate(PiiType.NATIONALITY, tokens.start(i), tokens.end(i), 0.6, Evidence.CONTEXT));
        }
    }

    /** A being word within two tokens before i ("is a", "am", "nationality:"). */
    private static boolean being(Tokens tokens, int i) {
        for (int k = i - 1; k >= Math.max(0, i - 2); k--) {
            String w = tokens.lower(k, 24);
            if (w == null) {
                return false;
            }
            if (BEING.contains(w)) {
                return true;
            }
            if (!ARTICLES.contains(w) && !HEDGES.contains(w)) {
                return false;
            }
        }
        return false;
    }

    private static final Set<String> ARTICLES = WordLists.lower("group-articles.txt");
    private static final Set<String> HEDGES = WordLists.lower("group-hedges.txt");

    // ---- religions ----

    static final Set<String> RELIGIONS = WordLists.lower("religions.txt");

    /** Religion words that are also names or ordinary words: they need a cue ("Christian", "orthodox"). */
    private static final Set<String> AMBIGUOUS_RELIGIONS = WordLists.lower("religions-ambiguous.txt");

    private static final Set<String> RELIGION_NOUNS = WordLists.lower("religion-nouns.txt");

    private static void religion(Tokens tokens, int i, String lower, List<Candidate> out) {
        if (nextIsCapitalizedWord(tokens, i) && !lowerAt(tokens, i + 1, RELIGION_NOUNS)) {
            return; // "Christian Müller", "Islamic Relief": a name
        }
        boolean cue = being(tokens, i)
                || lowerAt(tokens, i + 1, RELIGION_NOUNS)
                || lowerAt(tokens, i - 1, RELIGION_CUES)
                || i >= 2 && lowerAt(tokens, i - 2, RELIGION_CUES) && lowerAt(tokens, i - 1, ARTICLES);
        if (AMBIGUOUS_RELIGIONS.contains(lower) && !cue) {
            return;
        }
        if (lower.equals("christian") && i > 0 && tokens.isCapitalized(i - 1) && !tokens.startsSentence(i - 1)) {
            return; // "Anna Christian"
        }
        out.add(new Candidate(PiiType.RELIGION, tokens.start(i), tokens.end(i), 0.6, Evidence.CONTEXT));
    }

    private static final Set<String> RELIGION_CUES = WordLists.lower("religion-cues.txt");

    // ---- political groups ----

    /** Party abbreviations, exactly as written (upper case): no cue needed. */
    private static final Set<String> PARTY_ABBREVIATIONS = WordLists.exact("party-abbreviations.txt");

    /** Party names that are ordinary words too ("labour costs", "conservative estimate"): need a cue. */
    private static final Set<String> PARTY_WORDS = WordLists.lower("party-words.txt");

    private static final Set<String> POLITICAL_CUES = WordLists.lower("political-cues.txt");

    private static void political(Tokens tokens, int i, String lower, List<Candidate> out) {
        String word = tokens.word(i);
        boolean abbreviation = PARTY_ABBREVIATIONS.contains(word);
        int end = i;
        if (!abbreviation
                && !tokens.isCapitalized(i)
                && !lower.startsWith("commun")
                && !lower.startsWith("social")
                && !lower.startsWith("kommun")
                && !lower.startsWith("sozial")) {
            return;
        }
        if (!abbreviation) {
            boolean cue = false;
            for (int k = Math.max(0, i - 5); k <= Math.min(tokens.count() - 1, i + 3) && !cue; k++) {
                cue = k != i && lowerAt(tokens, k, POLITICAL_CUES);
            }
            if (!cue) {
                return;
            }
        }
        // "Labour Party", "SPD-Mitglied" stays the party
        if (i + 1 < tokens.count() && tokens.adjacent(i, 1) && lowerAt(tokens, i + 1, PARTY_NOUNS)) {
            end = i + 1;
        }
        out.add(new Candidate(PiiType.POLITICAL_GROUP, tokens.start(i), tokens.end(end), 0.65, Evidence.CONTEXT));
    }

    private static final Set<String> PARTY_NOUNS = Set.of("party", "partei");

    // ---- titles ----

    /** Titles and honorifics before a name; "Don", "Sr" and "M" are left out (a name, "Senior", a size). */
    static final Set<String> TITLES = titles();

    private static Set<String> titles() {
        Set<String> all = new HashSet<>(NameDetector.TITLES);
        all.removeAll(Set.of("don", "m", "sr"));
        all.addAll(Set.of("herrn", "sir", "dame", "lord", "lady", "rev", "revd", "professor", "mx", "dott.ssa"));
        return WordLists.frozen(all);
    }

    private static void title(Tokens tokens, int i, String lower, boolean lowerText, List<Candidate> out) {
        if (i + 1 >= tokens.count() || !tokens.adjacent(i, 2) || tokens.length(i) > 12) {
            return;
        }
        boolean capitalised =
                tokens.isCapitalized(i) || tokens.length(i) <= 3 && Character.isUpperCase(tokens.first(i));
        boolean name = tokens.isCapitalized(i + 1)
                || lowerText && known(tokens.lower(i + 1, 24))
                || lowerAt(tokens, i + 1, NameDetector.TITLES) && i + 2 < tokens.count() && tokens.isCapitalized(i + 2)
                || particlesThenName(tokens, i + 1);
        if ((capitalised || lowerText) && name && !NerStopWords.contains(tokens.lower(i + 1, 24) + "")) {
            out.add(new Candidate(PiiType.TITLE, tokens.start(i), tokens.end(i), 0.6, Evidence.CONTEXT));
        }
    }

    /** "Mr van den Berg", "Frau von Aschenbach": lower-case particles, then a capitalised name. */
    private static boolean particlesThenName(Tokens tokens, int k) {
        int p = k;
        while (p < tokens.count()
                && p < k + 2
                && Character.isLowerCase(tokens.first(p))
                && lowerAt(tokens, p, Gazetteer.PARTICLES)) {
            p++;
        }
        return p > k && p < tokens.count() && tokens.isCapitalized(p);
    }

    private static boolean known(String lower) {
        return lower != null
                && (Gazetteer.isGivenName(lower)
                        || Gazetteer.isFamilyName(lower)
                        || Gazetteer.isWideGivenName(lower)
                        || Gazetteer.isWideFamilyName(lower));
    }

    // ---- dates and times ----

    /** Months for dates in prose; "may", "march" and short forms only next to a day or a year. */
    private static final Set<String> MONTHS_FOR_DATES = PhraseDetector.MONTHS;

    private static final Set<String> AMBIGUOUS_MONTHS = Set.of("may", "march", "mar", "jan", "sept", "dec", "mai");

    /** "3 May", "May 3rd, 2021", "March 2019", "12. März 1985", "1er janvier": the day, month and year present. */
    private static void writtenDate(Tokens tokens, int i, String lower, List<Candidate> out) {
        int first = i;
        int last = i;
        boolean day = false;
        if (i > 0 && isDay(tokens, i - 1) && tokens.start(i) - tokens.end(i - 1) <= 2) {
            first = i - 1;
            day = true;
        }
        if (i + 1 < tokens.count() && tokens.start(i + 1) - tokens.end(i) <= 2) {
            if (!day && isDay(tokens, i + 1)) {
                last = i + 1;
                day = true;
                if (last + 1 < tokens.count()
                        && isYear(tokens, last + 1)
                        && tokens.start(last + 1) - tokens.end(last) <= 2) {
                    last++;
                }
            } else if (isYear(tokens, i + 1)) {
                last = i + 1;
            }
        }
        boolean year = last > i;
        if (!day && !year) {
            return;
        }
        boolean ambiguous = AMBIGUOUS_MONTHS.contains(lower) || tokens.length(i) <= 3;
        if (ambiguous && !tokens.isCapitalized(i) && tokens.hasUpper()) {
            return; // "you may 2 ..."
        }
        if (ambiguous && !day && !year) {
            return;
        }
        out.add(new Candidate(PiiType.DATE_TIME, tokens.start(first), tokens.end(last), 0.6, Evidence.PATTERN));
    }

    private static boolean isDay(Tokens tokens, int i) {
        String w = tokens.lower(i, 6);
        if (w == null) {
            return false;
        }
        int digits = 0;
        while (digits < w.length() && Character.isDigit(w.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 2) {
            return false;
        }
        String rest = w.substring(digits);
        if (!(rest.isEmpty()
                || rest.equals(".")
                || rest.equals("st")
                || rest.equals("nd")
                || rest.equals("rd")
                || rest.equals("th")
                || rest.equals("er")
                || rest.equals("º"))) {
            return false;
        }
        int d = Integer.parseInt(w.substring(0, digits));
        return d >= 1 && d <= 31;
    }

    private static boolean isYear(Tokens tokens, int i) {
        String w = tokens.word(i);
        if (w.length() != 4 || !Checksums.allDigits(w)) {
            return false;
        }
        int y = Integer.parseInt(w);
        return y >= 1900 && y <= 2100;
    }

    private static final Set<String> DATE_CUES = WordLists.lower("date-cues.txt");

    /** "on 12/03/2021", "seit 01.02.2019": a numeric date after a date word (not a bare number run). */
    private static void numberDate(Tokens tokens, int i, List<Candidate> out) {
        String w = tokens.word(i);
        if (w.length() < 8 || w.length() > 10 || i == 0 || !lowerAt(tokens, i - 1, DATE_CUES)) {
            return;
        }
        char sep = w.indexOf('.') > 0 ? '.' : w.indexOf('/') > 0 ? '/' : 0;
        if (sep == 0) {
            return;
        }
        String[] parts = w.split(sep == '.' ? "\\." : "/", -1);
        if (parts.length != 3 || parts[2].length() != 4 || parts[0].length() > 2 || parts[1].length() > 2) {
            return;
        }
        for (String p : parts) {
            if (p.isEmpty() || !Checksums.allDigits(p)) {
                return;
            }
        }
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        int y = Integer.parseInt(parts[2]);
        boolean valid = y >= 1900 && y <= 2100 && (Checksums.isDate(y, b, a) || Checksums.isDate(y, a, b));
        if (valid) {
            out.add(new Candidate(PiiType.DATE_TIME, tokens.start(i), tokens.end(i), 0.6, Evidence.PATTERN));
        }
    }

    /** "5pm", "5 pm", "10:30am", "14:30 Uhr", "at 14:30". */
    private static void clockTime(Tokens tokens, int i, List<Candidate> out) {
        String w = tokens.lower(i, 8);
        if (w == null) {
            return;
        }
        int k = 0;
        while (k < w.length() && Character.isDigit(w.charAt(k))) {
            k++;
        }
        if (k == 0 || k > 2) {
            return;
        }
        int hour = Integer.parseInt(w.substring(0, k));
        int minute = 0;
        boolean colon = false;
        if (k < w.length() && w.charAt(k) == ':') {
            if (w.length() < k + 3 || !Checksums.allDigits(w.substring(k + 1, k + 3))) {
                return;
            }
            minute = Integer.parseInt(w.substring(k + 1, k + 3));
            colon = true;
            k += 3;
        }
        String suffix = w.substring(k);
        int last = i;
        if (suffix.isEmpty() && i + 1 < tokens.count() && tokens.adjacent(i, 1)) {
            String next = tokens.lower(i + 1, 4);
            if (next != null
                    && (next.equals("am")
                            || next.equals("pm")
                            || next.equals("a.m")
                            || next.equals("p.m")
                            || next.equals("uhr")
                            || next.equals("h"))) {
                suffix = next;
                last = i + 1;
            }
        }
        boolean meridiem = suffix.equals("am") || suffix.equals("pm") || suffix.equals("a.m") || suffix.equals("p.m");
        boolean hours = suffix.equals("uhr") || suffix.equals("h");
        boolean cued = colon && suffix.isEmpty() && i > 0 && lowerAt(tokens, i - 1, TIME_CUES);
        if (!(meridiem && hour >= 1 && hour <= 12 || (hours || cued) && hour <= 23) || minute > 59) {
            return;
        }
        if (suffix.equals("am") && last > i && !colon) {
            return; // "5 am": too often German "5 am Montag"-style; "5am" and "5:00 am" stay
        }
        out.add(new Candidate(PiiType.DATE_TIME, tokens.start(i), tokens.end(last), 0.6, Evidence.PATTERN));
    }

    private static final Set<String> TIME_CUES = WordLists.lower("time-cues.txt");

    // ---- postal codes ----

    private static final Set<String> ZIP_CUES = WordLists.lower("zip-cues.txt");

    /** "zip 94103", "postcode SW1A 1AA", "PLZ: 10435", "postal code 1016 GV" (the word "code" after "postal"). */
    private static void zip(Tokens tokens, int i, List<Candidate> out) {
        int k = i + 1;
        String lower = tokens.lower(i, 16);
        if (lower.equals("cap") || lower.equals("cp")) {
            if (!tokens.word(i).equals("CAP") && !tokens.word(i).equals("CP")) {
                return; // Italian CAP, Spanish CP only as written on forms
            }
        }
        // "zip code is", "code postal", "postal code"
        while (k < tokens.count() && k <= i + 3 && lowerAt(tokens, k, ZIP_FILLERS)) {
            k++;
        }
        if (k >= tokens.count() || tokens.start(k) - tokens.end(k - 1) > 3) {
            return;
        }
        String w = tokens.word(k);
        int last = k;
        boolean digits = Checksums.allDigits(w);
        boolean ok = digits && (w.length() == 4 || w.length() == 5)
                || w.length() == 6
                        && w.charAt(2) == '-'
                        && Checksums.allDigits(w.substring(0, 2))
                        && Checksums.allDigits(w.substring(3))
                || w.length() == 10
                        && w.charAt(5) == '-'
                        && Checksums.allDigits(w.substring(0, 5))
                        && Checksums.allDigits(w.substring(6));
        if (digits
                && w.length() == 4
                && k + 1 < tokens.count()
                && tokens.adjacent(k, 1)
                && tokens.length(k + 1) == 2
                && isUpperLetters(tokens.word(k + 1))) {
            last = k + 1; // "1016 GV"
        }
        if (!ok && ukOutward(w) && k + 1 < tokens.count() && tokens.adjacent(k, 1) && ukInward(tokens.word(k + 1))) {
            ok = true;
            last = k + 1;
        }
        if (!ok
                && canadianHalf(w)
                && k + 1 < tokens.count()
                && tokens.adjacent(k, 1)
                && canadianHalf2(tokens.word(k + 1))) {
            ok = true;
            last = k + 1;
        }
        if (ok) {
            out.add(new Candidate(PiiType.ZIP_CODE, tokens.start(k), tokens.end(last), 0.7, Evidence.CONTEXT));
        }
    }

    private static final Set<String> ZIP_FILLERS = WordLists.lower("zip-fillers.txt");

    private static boolean isUpperLetters(String w) {
        for (int k = 0; k < w.length(); k++) {
            if (w.charAt(k) < 'A' || w.charAt(k) > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** UK outward code: A9, A99, AA9, AA99, A9A, AA9A. */
    private static boolean ukOutward(String w) {
        if (w.length() < 2 || w.length() > 4 || !isLetter(w.charAt(0))) {
            return false;
        }
        int k = 1;
        if (isLetter(w.charAt(k))) {
            k++;
        }
        if (k >= w.length() || !Character.isDigit(w.charAt(k))) {
            return false;
        }
        k++;
        if (k < w.length() && (Character.isDigit(w.charAt(k)) || isLetter(w.charAt(k)))) {
            k++;
        }
        return k == w.length();
    }

    private static boolean ukInward(String w) {
        return w.length() == 3 && Character.isDigit(w.charAt(0)) && isLetter(w.charAt(1)) && isLetter(w.charAt(2));
    }

    private static boolean canadianHalf(String w) {
        return w.length() == 3 && isLetter(w.charAt(0)) && Character.isDigit(w.charAt(1)) && isLetter(w.charAt(2));
    }

    private static boolean canadianHalf2(String w) {
        return w.length() == 3
                && Character.isDigit(w.charAt(0))
                && isLetter(w.charAt(1))
                && Character.isDigit(w.charAt(2));
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    // ---- domains and user names ----

    /** Top-level domains common in European and English text; no file suffixes ("md", "py", "sh", "rs"). */
    private static final Set<String> TLDS = WordLists.lower("tlds.txt");

    private static void domain(Tokens tokens, int i, String lower, List<Candidate> out) {
        if (lower.indexOf('@') >= 0 || lower.indexOf("://") >= 0 || lower.startsWith("www.")) {
            return; // e-mail addresses and URLs have their own detectors
        }
        String word = tokens.word(i);
        int slash = word.indexOf('/');
        String host = slash > 0 ? word.substring(0, slash) : word;
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2 || labels.length > 5) {
            return;
        }
        String tld = labels[labels.length - 1];
        if (!TLDS.contains(tld) || TLDS.contains(labels[0].toLowerCase(Locale.ROOT)) && labels.length > 2) {
            return; // "com.example.app" is a package name
        }
        for (int k = 0; k < labels.length; k++) {
            String label = labels[k];
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return;
            }
            boolean letter = false;
            for (int c = 0; c < label.length(); c++) {
                char ch = label.charAt(c);
                boolean upperStart = c == 0 && k == 0 && ch >= 'A' && ch <= 'Z';
                if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || upperStart)) {
                    return;
                }
                letter |= Character.isLetter(ch);
            }
            if (!letter || k < labels.length - 1 && label.length() < 2 && labels.length == 2) {
                return;
            }
        }
        out.add(new Candidate(
                PiiType.DOMAIN_NAME, tokens.start(i), tokens.start(i) + host.length(), 0.6, Evidence.PATTERN));
    }

    /** "@anna_k", "@lukas.devries": a handle of letters, digits, '_', '.' and '-' (no e-mail). */
    private static void handle(Tokens tokens, int i, List<Candidate> out) {
        String w = tokens.word(i);
        if (w.length() < 3 || w.length() > 40 || w.indexOf('@', 1) >= 0) {
            return;
        }
        int s = tokens.start(i);
        if (s > 0 && Character.isLetterOrDigit(tokens.text.charAt(s - 1))) {
            return;
        }
        boolean letter = false;
        for (int k = 1; k < w.length(); k++) {
            char c = w.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return;
            }
            letter |= Character.isLetter(c);
        }
        if (letter) {
            out.add(new Candidate(PiiType.USERNAME, s, tokens.end(i), 0.65, Evidence.PATTERN));
        }
    }

    private static final Set<String> USER_CUES = WordLists.lower("username-cues.txt");

    /** "username: anna_k", "my login is jdoe", "Benutzername lautet mmustermann". */
    private static void username(Tokens tokens, int i, List<Candidate> out) {
        int k = i + 1;
        if (k < tokens.count() && lowerAt(tokens, k, Set.of("name", "id"))) {
            k++;
        }
        if (k >= tokens.count()) {
            return;
        }
        String gap = tokens.text.substring(tokens.end(k - 1), tokens.start(k));
        boolean colon = gap.indexOf(':') >= 0 || gap.indexOf('=') >= 0;
        if (!colon
                && lowerAt(tokens, k, Set.of("is", "ist", "lautet", "was", "est", "es", "è", "="))
                && k + 1 < tokens.count()) {
            k++;
            colon = true;
        }
        if (!colon || tokens.start(k) - tokens.end(k - 1) > 4) {
            return;
        }
        String w = tokens.word(k);
        if (w.length() < 3 || w.length() > 40 || w.indexOf('@') >= 0) {
            return;
        }
        String lower = tokens.lower(k, 40);
        if (NerStopWords.contains(lower) || NerLexicon.isVocabulary(lower)) {
            return;
        }
        boolean letter = false;
        for (int c = 0; c < w.length(); c++) {
            char ch = w.charAt(c);
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '.' || ch == '-')) {
                return;
            }
            letter |= Character.isLetter(ch);
        }
        if (letter) {
            out.add(new Candidate(PiiType.USERNAME, tokens.start(k), tokens.end(k), 0.7, Evidence.CONTEXT));
        }
    }

    // ---- helpers ----

    private static boolean lowerAt(Tokens tokens, int i, Set<String> words) {
        if (i < 0 || i >= tokens.count()) {
            return false;
        }
        String w = tokens.lower(i, 32);
        return w != null && words.contains(w);
    }

    private static boolean nextIsCapitalizedWord(Tokens tokens, int i) {
        return i + 1 < tokens.count() && tokens.adjacent(i, 1) && tokens.isCapitalized(i + 1);
    }
}
