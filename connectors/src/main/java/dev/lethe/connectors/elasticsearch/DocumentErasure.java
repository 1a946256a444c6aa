package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.elasticsearch.SubjectSearch.Selector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureReport.Outcome;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.Verifying.Remaining;
import dev.lethe.connectors.spi.Verifying.Verification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erasing, verifying and rectifying a subject's documents by a plan. The subject's documents in
 * every dataset are selected before anything changes (a reference is followed from the values the
 * referred documents hold now), then each page of them is deleted or partially updated in one bulk
 * request. A value that is already erased is left alone, so a second run changes and counts nothing.
 * Elasticsearch has no transactions: a failure part-way leaves the pages before it erased, and the
 * next run finishes the rest.
 */
final class DocumentErasure {

    private static final Set<ErasureStrategy> TEXT_ONLY =
            Set.of(ErasureStrategy.MASK, ErasureStrategy.HASH, ErasureStrategy.TOKENIZE, ErasureStrategy.REDACT_TEXT);

    private final ClusterClient client;
    private final IndexSnapshot snapshot;
    private final SubjectSearch search;
    private final OperationContext context;
    private final ErasedValues values;

    DocumentErasure(
            ClusterClient client,
            IndexSnapshot snapshot,
            SubjectSearch search,
            OperationContext context,
            Identities subject,
            ConnectorRuntime runtime) {
        this.client = client;
        this.snapshot = snapshot;
        this.search = search;
        this.context = context;
        this.values = new ErasedValues(runtime, context, subject);
    }

    ErasureReport erase(Map<String, Selector> selectors, SubjectMap map, ErasurePlan plan) {
        check(map, plan);
        Map<String, List<ErasureRule>> rules = plan.byDataset();
        List<Outcome> outcomes = new ArrayList<>();
        for (String dataset : map.childrenFirst()) {
            List<ErasureRule> datasetRules = rules.get(dataset);
            if (datasetRules == null) {
                continue;
            }
            context.checkpoint();
            Selector selector = selectors.get(dataset);
            ErasureRule first = datasetRules.getFirst();
            if (selector == null) {
                datasetRules.forEach(rule -> outcomes.add(Outcome.of(rule, 0)));
            } else if (first.field() == null && first.strategy() == ErasureStrategy.DELETE_ROW) {
                outcomes.add(Outcome.of(first, delete(selector)));
            } else if (first.field() == null) {
                outcomes.add(Outcome.of(first, count(selector)));
            } else {
                outcomes.addAll(eraseFields(selector, datasetRules));
            }
        }
        return new ErasureReport(outcomes);
    }

    Verification verify(Map<String, Selector> selectors, SubjectMap map, ErasurePlan plan) {
        check(map, plan);
        Map<String, List<ErasureRule>> rules = plan.byDataset();
        List<Remaining> remaining = new ArrayList<>();
        for (String dataset : map.datasets()) {
            context.checkpoint();
            Selector selector = selectors.get(dataset);
            if (selector == null) {
                continue;
            }
            List<ErasureRule> datasetRules = rules.getOrDefault(dataset, List.of());
            if (datasetRules.isEmpty() || datasetRules.getFirst().field() == null) {
                long records = count(selector);
                if (records > 0) {
                    ErasureRule rule = datasetRules.isEmpty() ? null : datasetRules.getFirst();
                    remaining.add(
                            rule == null
                                    ? new Remaining(dataset, null, records, false, "no rule in the plan")
                                    : rule.strategy() == ErasureStrategy.RETAIN
                                            ? new Remaining(dataset, null, records, true, rule.reason())
                                            : new Remaining(dataset, null, records, false, "records still there"));
                }
            } else {
                remaining.addAll(remainingFields(dataset, selector, datasetRules));
            }
        }
        return new Verification(remaining);
    }

    /** Sets {@code field} to {@code newValue} in the subject's documents that hold something else. */
    long rectify(Selector selector, String dataset, String field, String newValue) {
        snapshot.field(dataset, field);
        BulkWrites writes = new BulkWrites(client);
        long[] changed = {0};
        search.scan("Rectifying a value", selector, true, hits -> {
            for (var hit : hits) {
                Map<String, Object> source = hit.source();
                List<String> current = SourceValues.strings(source, field);
                if (current.isEmpty()) {
                    writes.update(hit, atPath(field, newValue));
                } else if (!current.stream().allMatch(newValue::equals)) {
                    Set<String> tops = SourceValues.transform(
                            source, field, value -> String.valueOf(value).equals(newValue) ? value : newValue);
                    writes.update(hit, only(source, tops));
                }
            }
            changed[0] += writes.flush("Rectifying a value");
        });
        return changed[0];
    }

    private long delete(Selector selector) {
        BulkWrites writes = new BulkWrites(client);
        long[] deleted = {0};
        search.scan("Erasing a subject", selector, List.of(), hits -> {
            hits.forEach(writes::delete);
            deleted[0] += writes.flush("Erasing a subject");
        });
        return deleted[0];
    }

    private long count(Selector selector) {
        long[] found = {0};
        search.scan("Counting a subject's documents", selector, List.of(), hits -> found[0] += hits.size());
        return found[0];
    }

    private List<Outcome> eraseFields(Selector selector, List<ErasureRule> rules) {
        long[] counts = new long[rules.size()];
        BulkWrites writes = new BulkWrites(client);
        search.scan("Erasing a subject", selector, true, hits -> {
            for (var hit : hits) {
                Map<String, Object> source = hit.source();
                Set<String> changedTops = new LinkedHashSet<>();
                for (int i = 0; i < rules.size(); i++) {
                    ErasureRule rule = rules.get(i);
                    if (rule.strategy() == ErasureStrategy.RETAIN) {
                        counts[i] += SourceValues.strings(source, rule.field()).isEmpty() ? 0 : 1;
                        continue;
                    }
                    Set<String> tops =
                            SourceValues.transform(source, rule.field(), value -> values.erased(rule, value));
                    if (!tops.isEmpty()) {
                        counts[i]++;
                        changedTops.addAll(tops);
                    }
                }
                if (!changedTops.isEmpty()) {
                    writes.update(hit, only(source, changedTops));
                }
            }
            writes.flush("Erasing a subject");
        });
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            outcomes.add(Outcome.of(rules.get(i), counts[i]));
        }
        return outcomes;
    }

    private List<Remaining> remainingFields(String dataset, Selector selector, List<ErasureRule> rules) {
        long[] left = new long[rules.size()];
        List<String> paths = rules.stream().map(ErasureRule::field).toList();
        search.scan("Verifying an erasure", selector, paths, hits -> {
            for (var hit : hits) {
                for (int i = 0; i < rules.size(); i++) {
                    ErasureRule rule = rules.get(i);
                    List<String> held = SourceValues.strings(hit.source(), rule.field());
                    boolean stillThere = rule.strategy() == ErasureStrategy.RETAIN
                            ? !held.isEmpty()
                            : held.stream().anyMatch(value -> !value.equals(values.erased(rule, value)));
                    left[i] += stillThere ? 1 : 0;
                }
            }
        });
        List<Remaining> remaining = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ErasureRule rule = rules.get(i);
            if (left[i] > 0) {
                boolean retained = rule.strategy() == ErasureStrategy.RETAIN;
                remaining.add(new Remaining(
                        dataset, rule.field(), left[i], retained, retained ? rule.reason() : "not erased"));
            }
        }
        return remaining;
    }

    /** Every dataset and field of the plan exists, is in the map, and fits its strategy. */
    private void check(SubjectMap map, ErasurePlan plan) {
        for (ErasureRule rule : plan.rules()) {
            if (!map.datasets().contains(rule.dataset())) {
                throw ConnectorException.fatal(
                        "The plan names " + rule.dataset() + ", which the subject map does not", null);
            }
            snapshot.indices(rule.dataset());
            if (rule.field() != null) {
                String type = snapshot.field(rule.dataset(), rule.field()).type();
                if (TEXT_ONLY.contains(rule.strategy()) && !IndexSnapshot.TEXT.contains(type)) {
                    throw ConnectorException.fatal(
                            rule.strategy() + " writes text, and " + rule.dataset() + "." + rule.field() + " is "
                                    + type,
                            null);
                }
            }
        }
    }

    private static Map<String, Object> only(Map<String, Object> source, Set<String> keys) {
        Map<String, Object> doc = new LinkedHashMap<>();
        keys.forEach(key -> doc.put(key, source.get(key)));
        return doc;
    }

    /** {@code a.b.c = value} as nested objects, for a field the document does not have yet. */
    private static Map<String, Object> atPath(String path, Object value) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> current = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            current.put(parts[i], next);
            current = next;
        }
        current.put(parts[parts.length - 1], value);
        return doc;
    }
}
