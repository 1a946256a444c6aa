package dev.lethe.connectors.kafka;

import dev.lethe.connectors.kafka.KafkaConnectorConfig.IngestStream;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureReport.Outcome;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Verifying.Remaining;
import dev.lethe.connectors.spi.Verifying.Verification;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.vault.ShredOutcome;
import dev.lethe.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Erasure and its verification on Kafka, where records cannot be changed in place:
 *
 * <ul>
 *   <li>a protected topic (the target of an ingest stream) holds the subject's values as tokens under
 *       their key: shredding the key ({@code Vault.shred}, idempotent) erases them, in every copy;
 *   <li>a compacted topic forgets a key when a tombstone (null value) for it is written: the
 *       subject's keys get one;
 *   <li>any other topic keeps its records until its retention removes them: reported, not hidden.
 * </ul>
 *
 * Locator entries whose records are no longer readable are deleted; entries of records that stay in
 * place are kept, so that access and verification still see what is left.
 */
final class KafkaErasure {

    static final String SHREDDED = "crypto-shredded: the subject's key is destroyed, their tokens are unreadable";
    static final String TOMBSTONES = "tombstones for the subject's keys";

    private final KafkaConnectorConfig config;
    private final KafkaClients clients;
    private final Vault vault;
    private final LocatorEntries locator;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OperationContext context;

    KafkaErasure(
            KafkaConnectorConfig config,
            KafkaClients clients,
            Vault vault,
            LocatorEntries locator,
            Admin admin,
            KafkaConsumer<byte[], byte[]> consumer,
            OperationContext context) {
        this.config = config;
        this.clients = clients;
        this.vault = vault;
        this.locator = locator;
        this.admin = admin;
        this.consumer = consumer;
        this.context = context;
    }

    ErasureReport erase(String subjectId, String subjectHash, ErasurePlan plan) throws Exception {
        Map<String, TopicInfo> topics = topicsOf(plan);
        Map<String, List<LocatorEntry>> byTopic = byTopic(locator.all(context, subjectHash));
        boolean shred = plan.rules().stream()
                .anyMatch(rule -> rule.strategy() != ErasureStrategy.RETAIN
                        && config.streamWithTarget(rule.dataset()).isPresent());
        if (shred) {
            refuseRetainingWhatTheShredErases(plan);
        }
        // The key goes first: it is what makes the protected copies unreadable, wherever they are.
        ShredOutcome shredded = shred
                ? vault.shred(context.tenant().toString(), subjectId, "lethe-connector-kafka", context.operationId())
                        .outcome()
                : null;
        var pass = new Pass(shredded);
        for (var dataset : plan.byDataset().entrySet()) {
            context.checkpoint();
            TopicInfo topic = topics.get(dataset.getKey());
            Optional<IngestStream> stream = config.streamWithTarget(topic.name());
            String located = stream.map(IngestStream::source).orElse(topic.name());
            pass.topic(topic, stream.isPresent(), dataset.getValue(), byTopic.getOrDefault(located, List.of()));
        }
        writeTombstones(pass.tombstones);
        locator.delete(context, pass.unreadable);
        return new ErasureReport(pass.outcomes);
    }

    /** One erasure's outcomes, and what it has left to do: tombstones, then locator entries to delete. */
    private final class Pass {
        final ShredOutcome shredded;
        final Map<String, Set<String>> tombstones = new TreeMap<>();
        final List<LocatorEntry> unreadable = new ArrayList<>();
        final List<Outcome> outcomes = new ArrayList<>();

        Pass(ShredOutcome shredded) {
            this.shredded = shredded;
        }

        /** @param located the subject's entries of the topic (a protected topic: of its stream's source) */
        void topic(TopicInfo topic, boolean isProtected, List<ErasureRule> rules, List<LocatorEntry> located) {
            List<LocatorEntry> present = present(located);
            for (ErasureRule rule : rules) {
                if (rule.strategy() == ErasureStrategy.RETAIN) {
                    outcomes.add(new Outcome(
                            topic.name(), rule.field(), ErasureStrategy.RETAIN, present.size(), rule.reason()));
                } else if (isProtected) {
                    long changed = shredded == ShredOutcome.SHREDDED ? located.size() : 0;
                    outcomes.add(new Outcome(topic.name(), rule.field(), ErasureStrategy.TOKENIZE, changed, SHREDDED));
                } else if (!topic.compacted()) {
                    outcomes.add(new Outcome(
                            topic.name(), rule.field(), ErasureStrategy.RETAIN, present.size(), topic.retentionNote()));
                }
            }
            boolean erases = rules.stream().anyMatch(rule -> rule.strategy() != ErasureStrategy.RETAIN);
            if (erases && topic.compacted()) {
                // A protected topic's keys are tombstoned once, by the call that shredded; a repeat leaves them.
                boolean due = !isProtected || shredded != ShredOutcome.ALREADY_SHREDDED;
                Set<String> keys = due ? keys(located) : Set.of();
                tombstones.put(topic.name(), keys);
                outcomes.add(new Outcome(topic.name(), null, ErasureStrategy.DELETE_ROW, keys.size(), TOMBSTONES));
                if (!isProtected) {
                    unreadable.addAll(located);
                }
            } else if (!isProtected) {
                located.stream().filter(entry -> !present.contains(entry)).forEach(unreadable::add);
            }
        }
    }

    Verification verify(String subjectHash, ErasurePlan plan) throws Exception {
        List<LocatorEntry> entries = locator.all(context, subjectHash);
        Map<String, List<LocatorEntry>> byTopic = byTopic(entries);
        Set<String> datasets = new TreeSet<>(plan.byDataset().keySet());
        byTopic.keySet().stream().filter(config::covers).forEach(datasets::add);
        config.streams().stream()
                .filter(stream -> byTopic.containsKey(stream.source()) && config.covers(stream.target()))
                .forEach(stream -> datasets.add(stream.target()));
        Map<String, TopicInfo> topics = TopicInfo.describe(
                admin, existing(datasets), config.requestTimeout().toMillis());
        var reader = new PositionReader(consumer, config.requestTimeout());
        var detokenizer = new Detokenizer(vault, Detokenizer.VERIFY);
        List<Remaining> remaining = new ArrayList<>();
        for (String dataset : datasets) {
            context.checkpoint();
            TopicInfo topic = topics.get(dataset);
            if (topic == null) {
                throw ConnectorException.fatal("The topic " + dataset + " does not exist", null);
            }
            List<ErasureRule> rules = plan.byDataset().getOrDefault(dataset, List.of());
            Optional<ErasureRule> retained = rules.stream()
                    .filter(r -> r.strategy() == ErasureStrategy.RETAIN)
                    .findFirst();
            Optional<IngestStream> stream = config.streamWithTarget(dataset);
            long left;
            String why;
            if (stream.isPresent()) {
                left = 0;
                for (LocatorEntry entry : byTopic.getOrDefault(stream.get().source(), List.of())) {
                    ConsumerRecord<byte[], byte[]> copy = reader.copy(entry, dataset);
                    if (copy != null && copy.value() != null) {
                        var values = RecordValues.flatten(copy.value());
                        if (detokenizer.detokenize(context, values).revealed() > 0) {
                            left++;
                        }
                    }
                }
                why = "tokens still readable through the vault";
            } else {
                left = reader.read(byTopic.getOrDefault(dataset, List.of())).stream()
                        .filter(located ->
                                located.record() != null && located.record().value() != null)
                        .count();
                why = topic.compacted() ? "records of the subject without a tombstone" : topic.retentionNote();
            }
            if (left == 0) {
                continue;
            }
            if (retained.isPresent()) {
                remaining.add(
                        new Remaining(dataset, null, left, true, retained.get().reason()));
            } else {
                remaining.add(new Remaining(dataset, null, left, false, rules.isEmpty() ? "no rule" : why));
            }
        }
        return new Verification(remaining);
    }

    /**
     * One key protects all of a subject's tokens: a plan cannot shred it for one protected topic and
     * keep another protected topic readable. Refused before anything changes.
     */
    private void refuseRetainingWhatTheShredErases(ErasurePlan plan) {
        plan.rules().stream()
                .filter(rule -> rule.strategy() == ErasureStrategy.RETAIN)
                .filter(rule -> config.streamWithTarget(rule.dataset()).isPresent())
                .findFirst()
                .ifPresent(rule -> {
                    throw ConnectorException.fatal(
                            "The plan retains " + rule.dataset() + ", a protected topic, while shredding the"
                                    + " subject's key for another: the same key protects both",
                            null);
                });
    }

    /** The plan's topics; a name that is not a topic of this connection is a fatal error. */
    private Map<String, TopicInfo> topicsOf(ErasurePlan plan) throws Exception {
        Set<String> named = plan.byDataset().keySet();
        for (String dataset : named) {
            if (!config.covers(dataset)) {
                throw ConnectorException.fatal(
                        "The topic " + dataset + " is not one of this connection's topics", null);
            }
        }
        Map<String, TopicInfo> topics = TopicInfo.describe(
                admin, existing(named), config.requestTimeout().toMillis());
        for (String dataset : named) {
            if (!topics.containsKey(dataset)) {
                throw ConnectorException.fatal("The topic " + dataset + " does not exist", null);
            }
        }
        return topics;
    }

    private List<String> existing(Set<String> names) throws Exception {
        Set<String> all = admin.listTopics().names().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return names.stream().filter(all::contains).toList();
    }

    /** Entries whose record is still in its partition (not yet removed by retention). */
    private List<LocatorEntry> present(List<LocatorEntry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        entries.forEach(entry -> partitions.add(new TopicPartition(entry.topic(), entry.partition())));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, config.requestTimeout());
        return entries.stream()
                .filter(entry -> entry.offset() >= beginnings.get(new TopicPartition(entry.topic(), entry.partition())))
                .toList();
    }

    private static Set<String> keys(List<LocatorEntry> entries) {
        Set<String> keys = new TreeSet<>();
        entries.stream()
                .map(LocatorEntry::recordKey)
                .filter(java.util.Objects::nonNull)
                .forEach(keys::add);
        return keys;
    }

    private void writeTombstones(Map<String, Set<String>> tombstones) throws Exception {
        if (tombstones.values().stream().allMatch(Set::isEmpty)) {
            return;
        }
        try (KafkaProducer<byte[], byte[]> producer = clients.producer(clients.bootstrap())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            tombstones.forEach((topic, keys) -> keys.forEach(key ->
                    keyBytes(key).forEach(bytes -> sent.add(producer.send(new ProducerRecord<>(topic, bytes, null))))));
            producer.flush();
            for (var future : sent) {
                future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * The key's possible bytes: the locator writes a key as its UTF-8 text, or as Base64 when it is not
     * UTF-8, so a Base64-looking text may be either. Both get a tombstone: one for a key that never
     * existed only costs a record that compaction drops after {@code delete.retention.ms}.
     */
    static List<byte[]> keyBytes(String key) {
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(key.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] decoded = Base64.getDecoder().decode(key);
            if (RecordValues.utf8OrNull(decoded) == null) {
                candidates.add(decoded);
            }
        } catch (IllegalArgumentException e) {
            // Not Base64: text only.
        }
        return candidates;
    }

    private static Map<String, List<LocatorEntry>> byTopic(List<LocatorEntry> entries) {
        Map<String, List<LocatorEntry>> byTopic = new TreeMap<>();
        entries.forEach(entry ->
                byTopic.computeIfAbsent(entry.topic(), t -> new ArrayList<>()).add(entry));
        return byTopic;
    }
}
