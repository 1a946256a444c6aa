package dev.lethe.app.connectors;

import dev.lethe.connectors.spi.Locating.DatasetCount;
import java.util.List;
import java.util.UUID;

/**
 * Where a subject's records are in one connection's system: a count per dataset the catalog maps, and
 * what was not searched because nobody has confirmed its mapping yet (personal data fields still
 * DISCOVERED), so that nothing is skipped silently.
 */
public record LocateResult(
        UUID connectionId, long records, List<DatasetCount> datasets, List<NotSearched> notSearched) {

    public LocateResult {
        datasets = List.copyOf(datasets);
        notSearched = List.copyOf(notSearched);
    }

    /** A field that may hold the subject's data but was not searched, and why. */
    public record NotSearched(String dataset, String field, List<String> categories, String reason) {

        public static final String MAPPING_UNCONFIRMED = "mapping unconfirmed";

        public NotSearched {
            categories = List.copyOf(categories);
        }
    }
}
