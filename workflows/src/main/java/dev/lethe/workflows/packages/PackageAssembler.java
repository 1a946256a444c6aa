package dev.lethe.workflows.packages;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a request's package from its systems' parts: one ZIP with {@code <system>/<dataset>.json}
 * (an array of the records), {@code <system>/<dataset>.csv} (a header of every key the records have),
 * {@code report.html} for a person to read, {@code facts.json} (Art. 15(1)) and {@code manifest.json}
 * (counts and each file's SHA-256). Records stream from the parts into the ZIP and the ZIP into the
 * store: only the datasets' names, counts and keys are held in memory, never the records.
 */
public final class PackageAssembler {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final PackageParts parts;
    private final PackageStore store;

    public PackageAssembler(PackageParts parts, PackageStore store) {
        this.parts = parts;
        this.store = store;
    }

    /** What was written: the ZIP's size and SHA-256 (of the plaintext ZIP) and the records per dataset. */
    public record Assembled(String objectKey, long size, String sha256, Map<String, Map<String, Long>> records) {}

    /** A dataset of a system: how many records and which keys they have, in first-seen order. */
    record Contents(String system, String dataset, long records, Set<String> keys) {}

    /**
     * @param systems every system of the request; one without a part (nothing found) is listed empty
     * @param facts the Art. 15(1) facts for where the subject was found (system → datasets)
     */
    public Assembled assemble(
            UUID tenantId,
            UUID requestId,
            String requestType,
            Instant generatedAt,
            List<String> systems,
            Function<Map<String, Set<String>>, Art15Facts> facts,
            String objectKey) {
        List<Contents> contents = survey(tenantId, requestId, systems);
        Map<String, Set<String>> found = new TreeMap<>();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (String system : systems) {
            counts.put(system, new TreeMap<>());
        }
        for (Contents c : contents) {
            found.computeIfAbsent(c.system(), s -> new TreeSet<>()).add(c.dataset());
            counts.get(c.system()).put(c.dataset(), c.records());
        }
        Art15Facts art15 = facts.apply(found);
        long[] size = {0};
        MessageDigest whole = Digests.sha256();
        store.write(tenantId, objectKey, out -> {
            var counting = new CountingOutputStream(new DigestOutputStream(out, whole));
            try (var zip = new ZipOutputStream(counting, StandardCharsets.UTF_8)) {
                var manifest = new ArrayList<Map<String, Object>>();
                var names = new ZipNames();
                for (Contents c : contents) {
                    String base = names.unique(ZipNames.of(c.system()) + "/" + ZipNames.of(c.dataset()));
                    manifest.add(entry(zip, base + ".json", c.records(), o -> writeJson(tenantId, requestId, c, o)));
                    manifest.add(entry(zip, base + ".csv", c.records(), o -> writeCsv(tenantId, requestId, c, o)));
                }
                manifest.add(entry(zip, "facts.json", -1, o -> o.write(JSON.writeValueAsBytes(art15))));
                var report = new PackageReport(requestId, requestType, generatedAt, contents, art15);
                manifest.add(entry(
                        zip,
                        "report.html",
                        -1,
                        o -> report.write(
                                o,
                                (c, sink) -> parts.read(tenantId, requestId, c.system(), (d, r) -> {
                                    if (d.equals(c.dataset())) {
                                        sink.accept(d, r);
                                    }
                                }))));
                var document = new LinkedHashMap<String, Object>();
                document.put("request", requestId.toString());
                document.put("type", requestType);
                document.put("generatedAt", generatedAt.toString());
                document.put("records", counts);
                document.put("files", manifest);
                entry(
                        zip,
                        "manifest.json",
                        -1,
                        o -> o.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document)));
            }
            size[0] = counting.count;
        });
        return new Assembled(objectKey, size[0], HexFormat.of().formatHex(whole.digest()), counts);
    }

    private List<Contents> survey(UUID tenantId, UUID requestId, List<String> systems) {
        var contents = new ArrayList<Contents>();
        for (String system : systems) {
            if (!parts.exists(tenantId, requestId, system)) {
                continue;
            }
            Map<String, long[]> records = new LinkedHashMap<>();
            Map<String, Set<String>> keys = new LinkedHashMap<>();
            parts.read(tenantId, requestId, system, (dataset, record) -> {
                records.computeIfAbsent(dataset, d -> new long[1])[0]++;
                keys.computeIfAbsent(dataset, d -> new LinkedHashSet<>()).addAll(record.keySet());
            });
            records.forEach((dataset, n) -> contents.add(new Contents(system, dataset, n[0], keys.get(dataset))));
        }
        return contents;
    }

    private void writeJson(UUID tenantId, UUID requestId, Contents c, OutputStream out) {
        boolean[] first = {true};
        try {
            out.write('[');
            parts.read(tenantId, requestId, c.system(), (dataset, record) -> {
                if (dataset.equals(c.dataset())) {
                    try {
                        if (!first[0]) {
                            out.write(',');
                        }
                        first[0] = false;
                        out.write(JSON.writeValueAsBytes(record));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            out.write(']');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(UUID tenantId, UUID requestId, Contents c, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(CsvCells.row(c.keys()));
        List<String> header = List.copyOf(c.keys());
        parts.read(tenantId, requestId, c.system(), (dataset, record) -> {
            if (dataset.equals(c.dataset())) {
                var row = new ArrayList<Object>(header.size());
                for (String key : header) {
                    Object value = record.get(key);
                    row.add(value instanceof Map || value instanceof List ? JSON.writeValueAsString(value) : value);
                }
                try {
                    writer.write(CsvCells.row(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        writer.flush();
    }

    @FunctionalInterface
    private interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    private static Map<String, Object> entry(ZipOutputStream zip, String name, long records, EntryWriter writer)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest digest = Digests.sha256();
        var counting = new CountingOutputStream(new DigestOutputStream(new KeepOpen(zip), digest));
        writer.write(counting);
        counting.flush();
        zip.closeEntry();
        var file = new LinkedHashMap<String, Object>();
        file.put("path", name);
        file.put("bytes", counting.count);
        file.put("sha256", HexFormat.of().formatHex(digest.digest()));
        if (records >= 0) {
            file.put("records", records);
        }
        return file;
    }

    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
