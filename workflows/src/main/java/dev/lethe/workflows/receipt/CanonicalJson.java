package dev.lethe.workflows.receipt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one byte form of a receipt that is signed and hashed: UTF-8 JSON, object keys sorted (by UTF-16
 * code units, as Java compares strings), no whitespace, integers as integers, times as ISO-8601 strings.
 * The same receipt always gives the same bytes, whatever order its maps were built in, so a verifier
 * re-derives them from the parsed document.
 */
public final class CanonicalJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalJson() {}

    public static byte[] of(ErasureReceipt receipt) {
        return of(toTree(receipt));
    }

    /** The canonical bytes of any JSON document (keys sorted at every level). */
    public static byte[] of(JsonNode document) {
        return JSON.writeValueAsString(sorted(document)).getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode toTree(ErasureReceipt receipt) {
        var root = new LinkedHashMap<String, Object>();
        root.put("version", 1);
        root.put("receiptId", receipt.receiptId().toString());
        root.put("requestId", receipt.requestId().toString());
        root.put("tenantId", receipt.tenantId().toString());
        root.put("issuedAt", receipt.issuedAt().toString());
        root.put("regulation", receipt.regulation());
        root.put("subject", receipt.subject());
        root.put("complete", receipt.complete());
        List<Object> systems = new ArrayList<>();
        for (ErasureReceipt.SystemResult system : receipt.systems()) {
            var s = new LinkedHashMap<String, Object>();
            s.put("system", system.system());
            s.put("exceptions", system.exceptions());
            List<Object> datasets = new ArrayList<>();
            for (ErasureReceipt.DatasetResult d : system.datasets()) {
                var m = new LinkedHashMap<String, Object>();
                m.put("dataset", d.dataset());
                m.put("found", d.found());
                m.put("erased", d.erased());
                m.put("retained", d.retained());
                m.put("retainedReason", d.retainedReason());
                m.put("heldBack", d.heldBack());
                m.put("heldBackReason", d.heldBackReason());
                m.put("remaining", d.remaining());
                datasets.add(m);
            }
            s.put("datasets", datasets);
            systems.add(s);
        }
        root.put("systems", systems);
        return JSON.valueToTree(root);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            fields.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }
}
