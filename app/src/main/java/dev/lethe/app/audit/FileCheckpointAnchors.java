package dev.lethe.app.audit;

import dev.lethe.catalog.audit.CheckpointAnchor;
import dev.lethe.catalog.audit.CheckpointAnchors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checkpoint anchors as JSON lines appended to a file ({@code lethe.audit.anchors.file}), each write
 * forced to disk. The file is only ever opened for appending; making it append-only for everyone
 * (e.g. {@code chattr +a}, or a mount that another host backs up) is the operator's part: Lethe does
 * not rely on it being so. Thread-safe within one process.
 */
public final class FileCheckpointAnchors implements CheckpointAnchors {

    private final Path file;

    public FileCheckpointAnchors(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized void prepare() {
        try {
            Files.createDirectories(file.getParent());
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    .close();
        } catch (IOException e) {
            throw new AnchorsUnavailableException(
                    "the anchor file " + file + " could not be created ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public synchronized void publish(List<CheckpointAnchor> anchors) {
        String lines = anchors.stream().map(AnchorRecords::encode).collect(Collectors.joining("\n", "", "\n"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new AnchorsUnavailableException(
                    "the anchor file " + file + " could not be written ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public List<CheckpointAnchor> read(UUID tenantId) {
        if (!Files.isRegularFile(file)) {
            throw new AnchorsUnavailableException("the anchor file " + file + " does not exist");
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(AnchorRecords::decode)
                    .flatMap(Optional::stream)
                    .filter(anchor -> anchor.tenantId().equals(tenantId))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AnchorsUnavailableException(
                    "the anchor file " + file + " could not be read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
