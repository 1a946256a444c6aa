package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Personal data that only a neighbouring word reveals: ages ("34 years old", "aged 34"), gender
 * ("gender: female"), passwords ("password: ..."), written-out dates ("12 March 1985", born or not).
 */
final class PhraseDetector {

    private static final Set<String> YEARS =
            Set.of("years", "year", "yrs", "jahre", "jahren", "jährig", "ans", "an", "años", "anos", "anni", "jaar");
    private static final Set<String> AGE_BEFORE =
            WordLists.frozen(Set.of("aged", "age", "alter", "âge", "edad", "età", "leeftijd"));
    private static final Set<String> GENDER_WORDS = WordLists.frozen(
            Set.of("gender", "sex", "geschlecht", "sexe", "genre", "sexo", "género", "genere", "sesso", "geslacht"));
    static final Set<String> GENDER_VALUES = WordLists.frozen(Set.of(
            "m",
            "f",
            "w",
            "d",
            "x",
            "male",
            "female",
            "man",
            "woman",
            "non-binary",
            "nonbinary",
            "diverse",
            "männlich",
            "maennlich",
            "weiblich",
            "divers",
            "homme",
            "femme",
            "masculin",
            "féminin",
            "feminin",
            "hombre",
            "mujer",
            "masculino",
            "femenino",
            "maschio",
            "femmina",
            "maschile",
            "femminile",
            "vrouw",
            "mannelijk",
            "vrouwelijk"));
    private static final Set<String> PASSWORD_WORDS = WordLists.frozen(Set.of(
            "password",
            "passwort",
            "kennwort",
            "passe",
            "contraseña",
            "contrasena",
            "wachtwoord",
            "pwd",
            "passwd",
            "pass",
            "pw"));
    static final Set<String> MONTHS = WordLists.frozen(Set.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "januar",
            "jänner",
            "februar",
            "märz",
            "maerz",
            "mai",
            "juni",
            "juli",
            "oktober",
            "dezember",
            "janvier",
            "février",
            "fevrier",
            "mars",
            "avril",
            "juin",
            "juillet",
            "août",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
            "decembre",
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
            "gennaio",
            "febbraio",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "settembre",
            "ottobre",
            "dicembre",
            "januari",
            "februari",
            "maart",
            "mei",
            "augustus",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "okt",
            "nov",
            "dec",
            "dez"));

    /** First characters of the words this detector looks at (ASCII only; others always pass). */
    private static final boolean[] FIRST_CHARS = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            FIRST_CHARS[c] = true;
        }
        for (java.util.Set<String> words : List.of(GENDER_WORDS, PASSWORD_WORDS, AGE_BEFORE)) {
            for (String w : words) {
                if (w.charAt(0) < 128) {
                    FIRST_CHARS[w.charAt(0)] = true;
                }
            }
        }
    }

    private PhraseDetector() {}

    static void detect(Tokens tokens, List<Candidate> out) {
        for (int i = 0; i < tokens.count(); i++) {
            char first = Character.toLowerCase(tokens.first(i));
            if (first < 128 && !FIRST_CHARS[first] || tokens.length(i) > 40) {
                continue; // no keyword starts with this character: skip lower-casing the word
            }
            String lower = tokens.lower(i, 40);
            if (lower == null) {
                continue;
            }
            if (Character.isDigit(lower.charAt(0))) {
                age(tokens, i, lower, out);
                writtenDate(tokens, i, out);
            } else if (GENDER_WORDS.contains(lower)) {
                gender(tokens, i, out);
            } else if (PASSWORD_WORDS.contains(lower) || lower.startsWith("password=") || lower.startsWith("pwd=")) {
                password(tokens, i, lower, out);
            } else if (AGE_BEFORE.contains(lower) && i + 1 < tokens.count() && isAge(tokens.word(i + 1))) {
                out.add(new Candidate(PiiType.AGE, tokens.start(i + 1), tokens.end(i + 1), 0.4, Evidence.PATTERN));
            }
        }
    }

    private static void age(Tokens tokens, int i, String lower, List<Candidate> out) {
        if (!isAge(lower) || i + 1 >= tokens.count() || !tokens.adjacent(i, 1)) {
            return;
        }
        String next = tokens.lower(i + 1, 10);
        if (next != null && YEARS.contains(next)) {
            out.add(new Candidate(PiiType.AGE, tokens.start(i), tokens.end(i + 1), 0.7, Evidence.PATTERN));
        }
    }

    static boolean isAge(String w) {
        if (w.isEmpty() || w.length() > 3 || !Checksums.allDigits(w)) {
            return false;
        }
        int age = Integer.parseInt(w);
        return age > 0 && age <= 120;
    }

    /** "12 March 1985", "12. März 1985", "1er janvier 1990": a weak date that context makes a birth date. */
    private static void writtenDate(Tokens tokens, int i, List<Candidate> out) {
        if (i + 2 >= tokens.count() || tokens.start(i + 2) - tokens.end(i) > 16) {
            return;
        }
        String month = tokens.lower(i + 1, 10);
        if (month == null || !MONTHS.contains(month) || tokens.length(i) > 4) {
            return;
        }
        String day = dayNumber(tokens.word(i));
        String year = tokens.word(i + 2);
        if (day.length() <= 2
                && Checksums.allDigits(day)
                && month != null
                && MONTHS.contains(month)
                && year.length() == 4
                && Checksums.allDigits(year)
                && (year.startsWith("19") || year.startsWith("20"))) {
            out.add(new Candidate(PiiType.DATE_OF_BIRTH, tokens.start(i), tokens.end(i + 2), 0.2, Evidence.PATTERN));
        }
    }

    /** "1er", "2nd", "3º" -> the digits. */
    private static String dayNumber(String word) {
        int digits = 0;
        while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
            digits++;
        }
        return word.substring(0, digits);
    }

    private static void gender(Tokens tokens, int i, List<Candidate> out) {
        int k = i + 1;
        if (k < tokens.count() && tokens.start(k) - tokens.end(i) <= 3) {
            String value = tokens.lower(k, 12);
            if (value != null && value.length() > 1 && GENDER_VALUES.contains(value)) {
                out.add(new Candidate(
                        PiiType.GENDER, tokens.start(k), tokens.end(k), 0.8, Evidence.PATTERN, Evidence.CONTEXT));
            }
        }
    }

    private static void password(Tokens tokens, int i, String lower, List<Candidate> out) {
        int eq = lower.indexOf('=');
        if (eq > 0 && eq + 1 < lower.length()) {
            out.add(new Candidate(PiiType.PASSWORD, tokens.start(i) + eq + 1, tokens.end(i), 0.85, Evidence.CONTEXT));
            return;
        }
        int k = i + 1;
        if (k >= tokens.count() || tokens.start(k) - tokens.end(i) > 3 || tokens.length(k) > 64) {
            return;
        }
        String between = tokens.text.substring(tokens.end(i), tokens.start(k));
        if (between.indexOf(':') < 0 && between.indexOf('=') < 0) {
            return;
        }
        out.add(new Candidate(PiiType.PASSWORD, tokens.start(k), tokens.end(k), 0.85, Evidence.CONTEXT));
    }
}
