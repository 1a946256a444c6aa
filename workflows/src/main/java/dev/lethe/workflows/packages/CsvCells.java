package dev.lethe.workflows.packages;

/**
 * CSV cells (RFC 4180) that a spreadsheet opens as text: a string starting with {@code = + - @}, a tab
 * or a carriage return would be read as a formula (CSV injection), so it gets a leading apostrophe;
 * numbers and booleans are written as they are.
 */
final class CsvCells {

    private CsvCells() {}

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || text.startsWith(" ")
                || text.endsWith(" ");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String row(Iterable<?> values) {
        var line = new StringBuilder();
        for (Object value : values) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(cell(value));
        }
        return line.append("\r\n").toString();
    }
}
