package dev.lethe.connectors.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's key and value as the SPI hands them on: a JSON object flattened to paths
 * ({@code customer.email}, {@code items[0].sku}) with strings, numbers, booleans or null; anything else
 * as one {@code value} (text, or Base64 when it is not UTF-8). Keys as ingest's locator writes them.
 */
final class RecordValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordValues() {}

    /** The value's paths and leaves, in document order; empty for a tombstone. */
    static Map<String, Object> flatten(byte[] value) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        if (value == null) {
            return leaves;
        }
        JsonNode root = json(value);
        if (root == null || !root.isContainer()) {
            leaves.put("value", text(value));
            return leaves;
        }
        flatten(root, "", leaves);
        return leaves;
    }

    /** The value as a JSON object or array, or null when it is neither. */
    static JsonNode json(byte[] value) {
        String text = utf8OrNull(value);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isContainer() ? root : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void flatten(JsonNode node, String path, Map<String, Object> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                flatten(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", leaves);
            }
        } else {
            leaves.put(path.isEmpty() ? "value" : path, leaf(node));
        }
    }

    private static Object leaf(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }

    /** The key as the locator records it: its text when UTF-8, else Base64; null stays null. */
    static String keyText(byte[] key) {
        return key == null ? null : text(key);
    }

    private static String text(byte[] bytes) {
        String text = utf8OrNull(bytes);
        return text != null ? text : Base64.getEncoder().encodeToString(bytes);
    }

    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
