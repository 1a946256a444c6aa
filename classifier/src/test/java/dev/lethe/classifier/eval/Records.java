package dev.lethe.classifier.eval;

import java.util.Random;
import java.util.UUID;

/** Builds JSON records that hold one labelled value among unrelated fields, at varying depth. */
final class Records {

    record Built(String json, String path) {}

    private Records() {}

    static Built build(Random random, String field, String value) {
        String literal = value.matches("\\d{1,3}") ? value : quote(value);
        String member = quote(field) + ":" + literal;
        String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
        return switch (random.nextInt(3)) {
            case 0 ->
                new Built(
                        "{\"id\":\"" + uuid + "\"," + member
                                + ",\"status\":\"active\",\"created_at\":\"2024-03-12T10:15:30Z\",\"version\":3}",
                        "$." + field);
            case 1 ->
                new Built(
                        "{\"order_id\":\"" + uuid + "\",\"customer\":{" + member
                                + ",\"tier\":\"gold\"},\"total\":129.95,\"currency\":\"EUR\"}",
                        "$.customer." + field);
            default ->
                new Built(
                        "{\"batch\":\"B-" + random.nextInt(100000) + "\",\"contacts\":[{" + member
                                + "}],\"count\":1,\"source\":\"crm\"}",
                        "$.contacts[0]." + field);
        };
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
