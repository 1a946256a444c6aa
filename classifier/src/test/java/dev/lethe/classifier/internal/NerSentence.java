package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A sentence with its entity spans (character offsets, end exclusive), built from a template. */
record NerSentence(String text, List<Gold> spans) {

    /** One labelled span; {@code type} is an entity name of the corpus (PERSON, ADDRESS, PHONE ...). */
    record Gold(String type, int start, int end) {}

    /** A filled placeholder: its text and the type it is labelled with, or null for unlabelled filler. */
    record Fill(String text, String type) {}

    /**
     * Fills {@code {KEY}} placeholders in {@code template} with {@code fills.get(KEY)}; a fill may hold
     * unlabelled text before its labelled part (a title before a name) separated by a tab.
     */
    static NerSentence fill(String template, Map<String, Function<String, Fill>> fills) {
        StringBuilder text = new StringBuilder();
        List<Gold> spans = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                text.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            text.append(template, i, open);
            String key = template.substring(open + 1, close);
            Function<String, Fill> filler = fills.get(key);
            if (filler == null) {
                throw new IllegalArgumentException("no filler for {" + key + "} in " + template);
            }
            Fill f = filler.apply(key);
            String value = f.text();
            int tab = value.indexOf('\t');
            if (tab >= 0) {
                // the text before a person's name is a title ("Mr. ", "Frau Dr. "): labelled TITLE
                String title = value.substring(0, tab);
                int titleStart = text.length();
                text.append(title);
                String bare = title.strip();
                if ("PERSON".equals(f.type()) && !bare.isEmpty()) {
                    spans.add(new Gold("TITLE", titleStart, titleStart + bare.length()));
                }
                value = value.substring(tab + 1);
            }
            int start = text.length();
            text.append(value);
            if (f.type() != null) {
                spans.add(new Gold(f.type(), start, text.length()));
            }
            i = close + 1;
        }
        return new NerSentence(text.toString(), spans);
    }

    /** The same sentence with its text changed character by character (case changes keep offsets). */
    NerSentence withText(String changed) {
        return new NerSentence(changed, spans);
    }

    /** Prepends {@code prefix}, moving every span. */
    NerSentence prefixed(String prefix) {
        List<Gold> moved = new ArrayList<>(spans.size());
        for (Gold g : spans) {
            moved.add(new Gold(g.type(), g.start() + prefix.length(), g.end() + prefix.length()));
        }
        return new NerSentence(prefix + text, moved);
    }

    /** This sentence followed by {@code next} after a space. */
    NerSentence then(NerSentence next) {
        NerSentence shifted = next.prefixed(text + " ");
        return new NerSentence(shifted.text(), concat(spans, shifted.spans()));
    }

    private static List<Gold> concat(List<Gold> a, List<Gold> b) {
        List<Gold> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
