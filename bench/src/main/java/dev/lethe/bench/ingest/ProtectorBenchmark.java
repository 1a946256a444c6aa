package dev.lethe.bench.ingest;

import dev.lethe.ingest.JsonCodec;
import dev.lethe.ingest.ProtectedRecord;
import dev.lethe.ingest.RecordProtector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU cost of protecting one record, without Kafka or Elasticsearch: {@link RecordProtector} on the
 * ingest bench's records (about 900 bytes, seven PII fields, an IP and a free-text note; 9 vault tokens and
 * 2 redactions each), single thread, with a warm key cache for the records' subjects ({@link
 * ProtectorFixture}). {@code protectRecord}: nothing confirmed in the catalog, every field detected;
 * {@code protectRecordKnownFields}: the fields detection finds confirmed and known (only the rest and the
 * free-text note are scanned). Next to them in the same run: the classifier alone on the same records, and
 * as the baseline the JSON parse and encode that any processor of these records pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProtectorBenchmark {

    private ProtectorFixture fixture;
    private int next;

    @Setup
    public void setUp() throws Exception {
        fixture = new ProtectorFixture();
    }

    @Benchmark
    public ProtectedRecord protectRecord() {
        int i = next();
        return fixture.protector.process(ProtectorFixture.STREAM, fixture.keys[i], fixture.values[i]);
    }

    @Benchmark
    public ProtectedRecord protectRecordKnownFields() {
        int i = next();
        return fixture.knownFieldsProtector.process(ProtectorFixture.STREAM, fixture.keys[i], fixture.values[i]);
    }

    @Benchmark
    public List<?> classifyRecord() {
        return fixture.classifier.scanJson(fixture.texts[next()]);
    }

    /** Baseline: parse the record into a tree and write it back, nothing else. */
    @Benchmark
    public byte[] parseAndEncodeBaseline() {
        return JsonCodec.INSTANCE.encode(JsonCodec.INSTANCE.decode(fixture.values[next()]));
    }

    private int next() {
        int i = next;
        next = (i + 1) % ProtectorFixture.RECORDS;
        return i;
    }
}
