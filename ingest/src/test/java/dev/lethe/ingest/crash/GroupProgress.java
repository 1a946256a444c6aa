package dev.lethe.ingest.crash;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How many source records the stream's consumer group has committed (offsets are records: no transactions upstream). */
final class GroupProgress {

    private final Admin admin;
    private final String group;
    private final String source;

    GroupProgress(Admin admin, String group, String source) {
        this.admin = admin;
        this.group = group;
        this.source = source;
    }

    long committed() {
        return perPartition().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Partition number → committed offset, for a failure message that shows which partition stalled. */
    Map<Integer, Long> perPartition() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                            group, new ListConsumerGroupOffsetsOptions().requireStable(false))
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<Integer, Long> committed = new TreeMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(source) && offset != null) {
                    committed.put(partition.partition(), offset.offset());
                }
            });
            return committed;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the group's offsets", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code records} are committed, checking {@code alive} in between. */
    void awaitCommitted(long records, Duration timeout, Runnable alive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long committed = committed();
        while (committed < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + committed + " of " + records + " records committed after " + timeout
                        + " (committed offset per partition: " + perPartition() + ")");
            }
            alive.run();
            Thread.sleep(250);
            committed = committed();
        }
    }
}
