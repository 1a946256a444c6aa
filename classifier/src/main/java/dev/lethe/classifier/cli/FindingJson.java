package dev.lethe.classifier.cli;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.Finding;
import java.util.Locale;

/** Renders findings and line errors as one-line JSON objects. */
final class FindingJson {

    private FindingJson() {}

    static void append(StringBuilder sb, int line, Finding f) {
        sb.append("{\"line\":").append(line);
        if (f.path() != null) {
            sb.append(",\"path\":");
            string(sb, f.path());
        }
        sb.append(",\"type\":\"").append(f.type().name()).append('"');
        sb.append(",\"start\":").append(f.start());
        sb.append(",\"end\":").append(f.end());
        sb.append(",\"score\":").append(String.format(Locale.ROOT, "%.2f", f.score()));
        sb.append(",\"category\":\"").append(f.category()).append('"');
        sb.append(",\"evidence\":[");
        boolean first = true;
        for (Evidence e : Evidence.values()) {
            if (f.evidence().contains(e)) {
                sb.append(first ? "" : ",")
                        .append('"')
                        .append(e.name().toLowerCase(Locale.ROOT))
                        .append('"');
                first = false;
            }
        }
        sb.append("]}\n");
    }

    static void error(StringBuilder sb, int line, String reason) {
        sb.append("{\"line\":").append(line).append(",\"error\":");
        string(sb, reason);
        sb.append("}\n");
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
