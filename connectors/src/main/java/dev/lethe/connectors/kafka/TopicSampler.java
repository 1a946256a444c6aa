package dev.lethe.connectors.kafka;

import dev.lethe.classifier.ColumnClassification;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.classifier.PiiType;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.IdentitySuggestions;
import dev.lethe.connectors.spi.OperationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * One topic's fields from a bounded sample of its records: JSON values flattened to paths (array
 * indexes folded: {@code items[*].sku}), each path's sampled values classified in memory and dropped.
 * The record key is the field {@code $key}; in a compacted topic whose key is the subject id it is
 * suggested as that identity, since the key is what erasure tombstones.
 */
final class TopicSampler {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PiiClassifier classifier;
    private final String subjectIdentity;
    private final Duration timeout;

    TopicSampler(
            KafkaConsumer<byte[], byte[]> consumer,
            PiiClassifier classifier,
            String subjectIdentity,
            Duration timeout) {
        this.consumer = consumer;
        this.classifier = classifier;
        this.subjectIdentity = subjectIdentity;
        this.timeout = timeout;
    }

    List<Discovery.Field> fields(OperationContext context, String topic, boolean compacted, int samplePerField) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        int keysMatchingSubject = 0;
        List<ConsumerRecord<byte[], byte[]>> sample = sample(context, topic, samplePerField);
        for (ConsumerRecord<byte[], byte[]> record : sample) {
            String key = RecordValues.keyText(record.key());
            if (key != null) {
                keys.add(key);
            }
            Map<String, Object> leaves = RecordValues.flatten(record.value());
            for (Map.Entry<String, Object> leaf : leaves.entrySet()) {
                String path = INDEX.matcher(leaf.getKey()).replaceAll("[*]");
                types.merge(path, typeOf(leaf.getValue()), (a, b) -> a.equals(b) ? a : "mixed");
                List<String> sampled = values.computeIfAbsent(path, p -> new ArrayList<>());
                if (leaf.getValue() != null && sampled.size() < samplePerField) {
                    sampled.add(leaf.getValue().toString());
                }
                if (key != null && isSubjectPath(path) && key.equals(Objects.toString(leaf.getValue()))) {
                    keysMatchingSubject++;
                }
            }
        }
        List<Discovery.Field> fields = new ArrayList<>();
        boolean keyedBySubject = compacted && !keys.isEmpty() && keysMatchingSubject * 2 > keys.size();
        fields.add(field("$key", compacted ? "compaction key" : "key", keys, keyedBySubject ? subjectIdentity : null));
        values.forEach((path, sampled) -> fields.add(field(path, types.get(path), sampled, null)));
        return fields;
    }

    private Discovery.Field field(String path, String type, List<String> sampled, String identity) {
        String name = path.substring(path.lastIndexOf('.') + 1).replace("[*]", "");
        ColumnClassification classification = classifier.classifyColumn(name, sampled);
        String suggested = identity != null ? identity : identity(path, classification.type());
        return Discovery.Field.classified(path, type, classification, suggested);
    }

    /** A contact value, or the subject id: a path that spells the subject identity ({@code customer.id}). */
    private String identity(String path, PiiType type) {
        String contact = IdentitySuggestions.contact(type);
        if (contact != null) {
            return contact;
        }
        return isSubjectPath(path) ? subjectIdentity : null;
    }

    private boolean isSubjectPath(String path) {
        String flat = path.replace("[*]", "").replace('.', '_').toLowerCase(java.util.Locale.ROOT);
        return flat.equals(subjectIdentity) || flat.endsWith("_" + subjectIdentity);
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        return "string";
    }

    /** At most {@code limit} of the topic's oldest committed records, spread over its partitions. */
    private List<ConsumerRecord<byte[], byte[]>> sample(OperationContext context, String topic, int limit) {
        List<ConsumerRecord<byte[], byte[]>> sample = new ArrayList<>();
        if (limit == 0) {
            return sample;
        }
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(PartitionInfo::partition)
                .map(partition -> new TopicPartition(topic, partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sample.size() < limit && System.nanoTime() < deadline && !atEnd(ends)) {
            context.checkpoint();
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (sample.size() < limit) {
                    sample.add(record);
                }
            }
        }
        return sample;
    }

    private boolean atEnd(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
