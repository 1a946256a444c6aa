package dev.lethe.classifier.internal;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.InvalidInputException;
import dev.lethe.classifier.SpecialCategory;
import java.util.List;

/**
 * A small streaming JSON (RFC 8259) reader that scans each string and number as it is read, with its
 * path and the hints of its field name. No tree is built. Nesting is limited; errors name the offset and
 * what was expected, never the content. One instance per document: not thread-safe.
 */
final class JsonScanner {

    private final String json;
    private final FieldScanner fields;
    private final int maxDepth;
    private final List<Finding> out;
    private final PathBuilder path = new PathBuilder();
    private final StringBuilder buffer = new StringBuilder();
    private int pos;

    JsonScanner(String json, FieldScanner fields, int maxDepth, List<Finding> out) {
        this.json = json;
        this.fields = fields;
        this.maxDepth = maxDepth;
        this.out = out;
    }

    /** Reads the document; a top-level string is returned (for scanning as free text), else null. */
    String scanDocument() {
        skipSpace();
        String topLevel = null;
        if (peek() == '"') {
            topLevel = readString();
        } else {
            value(FieldHint.NONE, null, 0);
        }
        skipSpace();
        if (pos < json.length()) {
            throw error("unexpected data after the JSON value");
        }
        return topLevel;
    }

    private void value(FieldHint hint, SpecialCategory inherited, int depth) {
        char c = peek();
        switch (c) {
            case '{' -> object(inherited, depth + 1);
            case '[' -> array(hint, inherited, depth + 1);
            case '"' -> fields.scan(path, hint, readString(), out);
            case 't' -> literal("true", hint);
            case 'f' -> literal("false", hint);
            case 'n' -> literal("null", FieldHint.NONE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    fields.scan(path, hint, readNumber(), out);
                } else {
                    throw error(pos >= json.length() ? "unexpected end of input" : "unexpected character");
                }
            }
        }
    }

    private void object(SpecialCategory inherited, int depth) {
        checkDepth(depth);
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String key = readString();
            skipSpace();
            expect(':');
            skipSpace();
            FieldHint hint = FieldNames.hint(key).inheriting(inherited);
            path.pushKey(key);
            value(hint, hint.special(), depth);
            path.pop();
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private void array(FieldHint hint, SpecialCategory inherited, int depth) {
        checkDepth(depth);
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        for (int index = 0; ; index++) {
            skipSpace();
            path.pushIndex(index);
            value(hint, inherited, depth);
            path.pop();
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new InvalidInputException("nesting deeper than " + maxDepth + " at offset " + pos);
        }
    }

    private void literal(String word, FieldHint hint) {
        if (!json.startsWith(word, pos)) {
            throw error("invalid literal");
        }
        pos += word.length();
        if (hint.special() != null && !word.equals("null")) {
            fields.special(path, hint, word, out);
        }
    }

    private String readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("invalid number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("invalid number");
            }
        }
        return json.substring(start, pos);
    }

    private boolean digits() {
        int start = pos;
        while (pos < json.length() && json.charAt(pos) >= '0' && json.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private String readString() {
        pos++; // opening quote
        int start = pos;
        while (pos < json.length()) { // fast path: no escapes
            char c = json.charAt(pos);
            if (c == '"') {
                return json.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        buffer.setLength(0);
        buffer.append(json, start, pos);
        return JsonStrings.readEscaped(this, buffer);
    }

    // package-private accessors for JsonStrings, which decodes the escaped remainder of a string
    int position() {
        return pos;
    }

    void advance(int to) {
        pos = to;
    }

    String source() {
        return json;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < json.length() ? json.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < json.length()) {
            char c = json.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    InvalidInputException error(String reason) {
        return new InvalidInputException("invalid JSON at offset " + pos + ": " + reason);
    }
}
