package dev.lethe.classifier.internal;

/** Decodes the escaped part of a JSON string for {@link JsonScanner}. */
final class JsonStrings {

    private JsonStrings() {}

    /** Continues reading at the scanner's position, appending to {@code buffer}, up to the closing quote. */
    static String readEscaped(JsonScanner scanner, StringBuilder buffer) {
        String json = scanner.source();
        int pos = scanner.position();
        int n = json.length();
        while (pos < n) {
            char c = json.charAt(pos);
            if (c == '"') {
                scanner.advance(pos + 1);
                return buffer.toString();
            }
            if (c < 0x20) {
                scanner.advance(pos);
                throw scanner.error("control character in string");
            }
            if (c != '\\') {
                buffer.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= n) {
                break;
            }
            pos = escape(scanner, json, pos, buffer);
        }
        scanner.advance(n);
        throw scanner.error("unterminated string");
    }

    /** Decodes the escape at {@code pos} (the backslash); returns the position after it. */
    private static int escape(JsonScanner scanner, String json, int pos, StringBuilder buffer) {
        char e = json.charAt(pos + 1);
        switch (e) {
            case '"', '\\', '/' -> buffer.append(e);
            case 'b' -> buffer.append('\b');
            case 'f' -> buffer.append('\f');
            case 'n' -> buffer.append('\n');
            case 'r' -> buffer.append('\r');
            case 't' -> buffer.append('\t');
            case 'u' -> {
                scanner.advance(pos + 2);
                buffer.append(hex(scanner, json, pos + 2));
                return pos + 6;
            }
            default -> {
                scanner.advance(pos);
                throw scanner.error("invalid escape");
            }
        }
        return pos + 2;
    }

    private static char hex(JsonScanner scanner, String json, int pos) {
        if (pos + 4 > json.length()) {
            throw scanner.error("invalid unicode escape");
        }
        int value = 0;
        for (int i = pos; i < pos + 4; i++) {
            int d = Character.digit(json.charAt(i), 16);
            if (d < 0) {
                throw scanner.error("invalid unicode escape");
            }
            value = value * 16 + d;
        }
        return (char) value;
    }
}
