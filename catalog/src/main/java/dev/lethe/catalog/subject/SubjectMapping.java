package dev.lethe.catalog.subject;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a subject is found in one system, as the catalog knows it: the identity fields of CONFIRMED
 * fields, the references to follow, and the personal-data fields still DISCOVERED, which requests must
 * report as "mapping unconfirmed" instead of skipping them silently.
 *
 * @param identityFields dataset name → (field path → identity type)
 */
public record SubjectMapping(
        Map<String, Map<String, String>> identityFields, List<Link> references, List<Unconfirmed> unconfirmed) {

    public SubjectMapping {
        var copied = new TreeMap<String, Map<String, String>>();
        identityFields.forEach((dataset, fields) -> copied.put(dataset, Map.copyOf(fields)));
        identityFields = Collections.unmodifiableMap(copied);
        references = List.copyOf(references);
        unconfirmed = List.copyOf(unconfirmed);
    }

    /** A reference by dataset names: {@code fromFields} of {@code from} hold {@code toFields} of {@code to}. */
    public record Link(String from, List<String> fromFields, String to, List<String> toFields) {

        public Link {
            fromFields = List.copyOf(fromFields);
            toFields = List.copyOf(toFields);
        }
    }

    /** A DISCOVERED field with data categories: personal data nobody has confirmed the mapping of. */
    public record Unconfirmed(String dataset, String field, List<String> categories) {

        public Unconfirmed {
            categories = List.copyOf(categories);
        }
    }
}
