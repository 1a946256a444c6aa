package dev.lethe.ingest;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog knows about a stream's dataset, and what ingest tells it back. Implementations
 * cache and refresh the decisions, and buffer what is reported: both are called on the hot path.
 */
public interface DatasetFields {

    /** No decisions, no reports kept: for tests and passthrough. */
    DatasetFields NONE = new DatasetFields() {
        @Override
        public Map<String, Set<String>> confirmed(StreamDefinition stream) {
            return Map.of();
        }

        @Override
        public void sighted(StreamDefinition stream, Collection<FieldSighting> sightings) {}
    };

    /**
     * Path → categories of the fields a person CONFIRMED in the stream's dataset: their values are
     * protected as those categories even where value detection finds nothing.
     */
    Map<String, Set<String>> confirmed(StreamDefinition stream);

    /**
     * Sightings in committed records. New paths and categories become DISCOVERED fields; paths a
     * person REJECTED are not proposed again (their values are still protected whenever detection
     * finds personal data in them: a wrong rejection must not leak data).
     */
    void sighted(StreamDefinition stream, Collection<FieldSighting> sightings);
}
