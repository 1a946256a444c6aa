package dev.lethe.workflows.packages;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A package store in memory, for unit tests: same contract (whole objects, replace on write). */
final class InMemoryPackageStore implements PackageStore {

    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void write(UUID tenantId, String key, ObjectWriter writer) {
        var buffer = new ByteArrayOutputStream();
        try (buffer) {
            writer.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.put(tenantId + "/" + PackageStore.requireKey(key), buffer.toByteArray());
    }

    @Override
    public InputStream read(UUID tenantId, String key) {
        byte[] bytes = objects.get(tenantId + "/" + key);
        if (bytes == null) {
            throw new NoSuchObjectException();
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean delete(UUID tenantId, String key) {
        return objects.remove(tenantId + "/" + key) != null;
    }

    @Override
    public boolean exists(UUID tenantId, String key) {
        return objects.containsKey(tenantId + "/" + key);
    }
}
