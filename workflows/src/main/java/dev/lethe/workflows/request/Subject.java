package dev.lethe.workflows.request;

import dev.lethe.connectors.spi.Identities;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request knows of its subject, kept only sealed: the identities, and for a rectification the
 * corrected values, for an objection the purpose. For activities, never for a workflow's history.
 */
public record Subject(Identities identities, Map<String, String> corrections, String purpose) {

    public Subject {
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
    }

    @Override
    public String toString() {
        return "Subject[" + identities + ", corrections " + new TreeMap<>(corrections).keySet() + "]";
    }
}
