package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceValuesTest {

    @Test
    void aPathIsFoundThroughObjectsDottedKeysAndArrays() {
        Map<String, Object> source = new HashMap<>();
        source.put("customer", Map.of("email", "a@example.org"));
        source.put("customer.phone", "+49 30 1");
        source.put("contacts", List.of(Map.of("email", "b@example.org"), Map.of("email", "c@example.org")));
        source.put("tags", List.of("x", 7));

        assertThat(SourceValues.strings(source, "customer.email")).containsExactly("a@example.org");
        assertThat(SourceValues.strings(source, "customer.phone")).containsExactly("+49 30 1");
        assertThat(SourceValues.strings(source, "contacts.email")).containsExactly("b@example.org", "c@example.org");
        assertThat(SourceValues.strings(source, "tags")).containsExactly("x", "7");
        assertThat(SourceValues.strings(source, "missing.path")).isEmpty();
    }

    @Test
    void aTransformNamesTheTopLevelKeysItChangedAndKeepsTheRest() {
        Map<String, Object> customer = new HashMap<>(Map.of("email", "a@example.org", "city", "Berlin"));
        Map<String, Object> source = new HashMap<>(Map.of("customer", customer, "note", "kept"));

        var changed = SourceValues.transform(source, "customer.email", value -> "[erased]");
        var again = SourceValues.transform(source, "customer.email", value -> "[erased]");

        assertThat(changed).containsExactly("customer");
        assertThat(again).isEmpty();
        assertThat(source).containsEntry("note", "kept");
        assertThat(SourceValues.strings(source, "customer.city")).containsExactly("Berlin");
        assertThat(SourceValues.strings(source, "customer.email")).containsExactly("[erased]");
    }

    @Test
    void anArrayWhoseValuesAllGoBecomesNull() {
        Map<String, Object> source = new HashMap<>();
        source.put("emails", new ArrayList<>(List.of("a@example.org", "b@example.org")));

        var changed = SourceValues.transform(source, "emails", value -> null);

        assertThat(changed).containsExactly("emails");
        assertThat(source.get("emails")).isNull();
    }
}
