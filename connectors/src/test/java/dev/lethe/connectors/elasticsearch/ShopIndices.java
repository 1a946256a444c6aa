package dev.lethe.connectors.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shop in three indices: customers (keyword e-mail, text name with a keyword sub-field, an address
 * object), orders referring to customers by id, and support tickets whose e-mail field is text
 * only (no keyword sub-field) and whose body is free text.
 */
final class ShopIndices {

    private ShopIndices() {}

    /** Customer {@code i} has orders {@code i} and {@code customers + i} and ticket {@code i}. */
    static void seed(TestCluster cluster, int customers) {
        cluster.createIndex("customers", """
                {"properties": {
                  "id": {"type": "long"},
                  "email": {"type": "keyword"},
                  "full_name": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
                  "phone": {"type": "keyword"},
                  "address": {"properties": {"city": {"type": "keyword"}, "street": {"type": "text"}}},
                  "created_at": {"type": "date"}}}""");
        cluster.createIndex("orders", """
                {"properties": {
                  "id": {"type": "long"},
                  "customer_id": {"type": "long"},
                  "total": {"type": "double"},
                  "created_at": {"type": "date"}}}""");
        cluster.createIndex("tickets", """
                {"properties": {
                  "id": {"type": "long"},
                  "customer_id": {"type": "long"},
                  "contact_email": {"type": "text"},
                  "body": {"type": "text"}}}""");
        Map<String, String> people = new LinkedHashMap<>();
        Map<String, String> orders = new LinkedHashMap<>();
        Map<String, String> tickets = new LinkedHashMap<>();
        for (int i = 1; i <= customers; i++) {
            people.put("c" + i, """
                    {"id": %d, "email": "customer%d@example.org", "full_name": "Customer Number %d",
                     "phone": "+49 30 %d", "address": {"city": "Berlin", "street": "Hauptstrasse %d"},
                     "created_at": "2026-01-01T00:00:00Z"}""".formatted(i, i, i, 1234000 + i, i));
            orders.put("o" + i, order(i, i));
            orders.put("o" + (customers + i), order(customers + i, i));
            tickets.put("t" + i, """
                    {"id": %d, "customer_id": %d, "contact_email": "customer%d@example.org",
                     "body": "Please write to customer%d@example.org about my parcel, thanks"}""".formatted(i, i, i, i));
        }
        cluster.bulk("customers", people);
        cluster.bulk("orders", orders);
        cluster.bulk("tickets", tickets);
    }

    private static String order(int id, int customer) {
        return "{\"id\": %d, \"customer_id\": %d, \"total\": %d.5, \"created_at\": \"2026-02-01T00:00:00Z\"}"
                .formatted(id, customer, id);
    }
}
