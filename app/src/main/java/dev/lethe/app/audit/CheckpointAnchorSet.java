package dev.lethe.app.audit;

import dev.lethe.catalog.audit.CheckpointAnchor;
import dev.lethe.catalog.audit.CheckpointAnchors;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Several anchor logs as one (Kafka and a file): a checkpoint counts as anchored once every log has
 * it, and verification checks the anchors of all of them, so each log alone can reveal a cut tail.
 * When one log can't be read, nothing is confirmed. Thread-safe as its logs are.
 */
public final class CheckpointAnchorSet implements CheckpointAnchors, AutoCloseable {

    private final List<CheckpointAnchors> logs;

    public CheckpointAnchorSet(List<CheckpointAnchors> logs) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("at least one anchor log");
        }
        this.logs = List.copyOf(logs);
    }

    @Override
    public void prepare() {
        logs.forEach(CheckpointAnchors::prepare);
    }

    @Override
    public void publish(List<CheckpointAnchor> anchors) {
        for (CheckpointAnchors log : logs) {
            log.publish(anchors);
        }
    }

    @Override
    public List<CheckpointAnchor> read(UUID tenantId) {
        List<CheckpointAnchor> all = new ArrayList<>();
        for (CheckpointAnchors log : logs) {
            all.addAll(log.read(tenantId));
        }
        return all;
    }

    @Override
    public void close() {
        for (CheckpointAnchors log : logs) {
            if (log instanceof KafkaCheckpointAnchors kafka) {
                kafka.close();
            }
        }
    }
}
