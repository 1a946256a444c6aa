package dev.lethe.workflows.packages;

import dev.lethe.connectors.spi.Accessing.RecordSink;
import dev.lethe.connectors.spi.Deferring.AccessedRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One system's records for a request, kept as an encrypted part object (JSON lines, one record each)
 * while they stream in from the connector, until the assembler builds the package. Writing a system's
 * part again replaces it whole, so a retried activity never doubles or mixes records.
 */
public final class PackageParts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() {};

    private final PackageStore store;

    public PackageParts(PackageStore store) {
        this.store = store;
    }

    /**
     * Writes the system's part from what {@code producer} sends to the sink it is given (e.g. a
     * connector's {@code access}).
     *
     * @return how many records were written
     */
    public long write(UUID tenantId, UUID requestId, String system, Consumer<RecordSink> producer) {
        long[] count = {0};
        store.write(tenantId, key(requestId, system), out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            producer.accept((dataset, record) -> {
                Objects.requireNonNull(dataset, "dataset");
                var line = new LinkedHashMap<String, Object>();
                line.put("dataset", dataset);
                line.put("record", record);
                try {
                    writer.write(JSON.writeValueAsString(line));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            writer.flush();
        });
        return count[0];
    }

    /** Writes the system's part from records a deferred (webhook, manual) system delivered. */
    public long write(UUID tenantId, UUID requestId, String system, List<AccessedRecord> records) {
        return write(tenantId, requestId, system, sink -> records.forEach(r -> sink.accept(r.dataset(), r.values())));
    }

    public boolean exists(UUID tenantId, UUID requestId, String system) {
        return store.exists(tenantId, key(requestId, system));
    }

    /** Streams the part's records to {@code sink} in the order they were written. */
    @SuppressWarnings("unchecked")
    public void read(UUID tenantId, UUID requestId, String system, RecordSink sink) {
        try (InputStream in = store.read(tenantId, key(requestId, system));
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    Map<String, Object> parsed = JSON.readValue(line, LINE);
                    sink.accept((String) parsed.get("dataset"), (Map<String, Object>) parsed.get("record"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a package part", e);
        } catch (JacksonException e) {
            // not chained: a parser's message may quote the record it choked on
            throw new IllegalStateException("a package part is not valid JSON lines");
        }
    }

    public boolean delete(UUID tenantId, UUID requestId, String system) {
        return store.delete(tenantId, key(requestId, system));
    }

    /** Systems are named by their catalog name; the key uses a hex form so any name is a valid key. */
    static String key(UUID requestId, String system) {
        return "requests/" + requestId + "/parts/" + Digests.sha256Hex(system.getBytes(StandardCharsets.UTF_8));
    }
}
