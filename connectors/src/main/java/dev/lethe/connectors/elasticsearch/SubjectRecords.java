package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.elasticsearch.SubjectSearch.Selector;
import dev.lethe.connectors.spi.Accessing.RecordSink;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counting and reading a subject's documents with the selectors of a {@link SubjectSearch}. */
final class SubjectRecords {

    private final SubjectSearch search;

    SubjectRecords(SubjectSearch search) {
        this.search = search;
    }

    List<DatasetCount> count(Map<String, Selector> selectors, Iterable<String> datasets) {
        List<DatasetCount> counts = new ArrayList<>();
        for (String dataset : datasets) {
            Selector selector = selectors.get(dataset);
            long[] found = {0};
            if (selector != null) {
                search.scan("Locating a subject", selector, List.of(), hits -> found[0] += hits.size());
            }
            counts.add(new DatasetCount(dataset, found[0]));
        }
        return counts;
    }

    /** One page of documents in memory at a time; each record is its index, id and flattened source. */
    void read(Map<String, Selector> selectors, RecordSink sink) {
        selectors.forEach((dataset, selector) -> search.scan(
                "Reading a subject's documents",
                selector,
                true,
                hits -> hits.forEach(hit -> {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("_index", hit.index());
                    record.put("_id", hit.id());
                    flatten("", hit.source(), record);
                    sink.accept(dataset, record);
                })));
    }

    /** Objects become dotted paths; arrays stay whole, as JSON text; scalars as they are. */
    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> source, Map<String, Object> record) {
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> object) {
                flatten(prefix + key + ".", (Map<String, Object>) object, record);
            } else if (value instanceof List<?> list) {
                record.put(prefix + key, ClusterClient.JSON.writeValueAsString(list));
            } else {
                record.put(prefix + key, value);
            }
        });
    }
}
