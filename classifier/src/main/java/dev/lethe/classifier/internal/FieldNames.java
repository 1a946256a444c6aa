package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiType;
import dev.lethe.classifier.SpecialCategory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads field names ("customerEmail", "e_mail", "Geburtsdatum", "billing.iban") as evidence. Names are
 * split into words (separators and camelCase), and every run of consecutive words is looked up joined
 * ("date_of_birth" as "dateofbirth"); the longest match wins.
 */
public final class FieldNames {

    private static final int CACHE_LIMIT = 50_000;
    private static final Map<String, FieldHint> CACHE = new ConcurrentHashMap<>();

    /** Words that make "name" something other than a person's name. */
    private static final Set<String> NOT_A_PERSON = Set.of(
            "product",
            "file",
            "filename",
            "company",
            "firm",
            "organisation",
            "organization",
            "org",
            "brand",
            "item",
            "host",
            "domain",
            "app",
            "application",
            "service",
            "project",
            "category",
            "city",
            "street",
            "country",
            "bank",
            "shop",
            "store",
            "event",
            "team",
            "group",
            "user",
            "display",
            "field",
            "table",
            "column",
            "class",
            "tag",
            "type",
            "key",
            "queue",
            "topic",
            "device",
            "model",
            "dataset",
            "plan",
            "package",
            "region",
            "branch",
            "account",
            "card",
            "network",
            "bucket",
            "image",
            "role",
            "screen");

    private FieldNames() {}

    /** The hint for one field name (the last segment of a path); never null. Thread-safe, cached. */
    public static FieldHint hint(String fieldName) {
        FieldHint cached = CACHE.get(fieldName);
        if (cached != null) {
            return cached;
        }
        FieldHint hint = compute(fieldName);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(fieldName, hint);
        }
        return hint;
    }

    private static FieldHint compute(String fieldName) {
        List<String> words = words(fieldName);
        if (words.isEmpty()) {
            return FieldHint.NONE;
        }
        PiiType type = null;
        int typeLength = 0;
        SpecialCategory special = null;
        boolean negative = false;
        for (int from = 0; from < words.size(); from++) {
            StringBuilder joined = new StringBuilder();
            for (int to = from; to < words.size() && to < from + 5; to++) {
                joined.append(words.get(to));
                String key = joined.toString();
                PiiType t = FieldVocabulary.TYPES.get(key);
                if (t == null && key.length() > 4 && key.endsWith("s")) { // "emails", "phones"
                    t = FieldVocabulary.TYPES.get(key.substring(0, key.length() - 1));
                }
                if (t != null && key.length() > typeLength) {
                    type = t;
                    typeLength = key.length();
                }
                if (special == null) {
                    special = FieldVocabulary.SPECIAL.get(key);
                }
                negative |= to == from && FieldVocabulary.NEGATIVE.contains(key);
            }
        }
        if (type == PiiType.PERSON_NAME && words.stream().anyMatch(NOT_A_PERSON::contains)) {
            type = null;
        }
        if (type == null && special == null && !negative) {
            return FieldHint.NONE;
        }
        return new FieldHint(type, special, negative && type == null);
    }

    /** Splits on non-letters/digits and camelCase humps, lower-cased: "customerEMailAddr_2" -> customer, e, mail, addr, 2. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>(4);
        int n = Math.min(name.length(), 128);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
            if (hump) {
                flush(word, words);
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    /** For tests: how many entries the vocabulary holds. */
    static int vocabularySize() {
        Map<String, Object> all = new HashMap<>(FieldVocabulary.TYPES);
        all.putAll(FieldVocabulary.SPECIAL);
        return all.size();
    }
}
