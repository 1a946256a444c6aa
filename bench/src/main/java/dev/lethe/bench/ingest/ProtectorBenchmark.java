package dev.lethe.bench.ingest;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.JsonCodec;
import dev.lethe.ingest.ProtectedRecord;
import dev.lethe.ingest.RecordProtector;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * 2 redactions each), single thread, with a warm key cache for the records' subjects. Next to it in the
 * same run: the classifier alone on the same records, and as the baseline the JSON parse and encode that
 * any processor of these records pays (what a passthrough that looked at the records would cost).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProtectorBenchmark {

    /** Records cycled through: about as many subjects as a few seconds of the pipeline bench sees. */
    private static final int RECORDS = 4_096;

    private final StreamDefinition stream = new StreamDefinition(
            "bench-protect",
            "bench",
            "orders.raw",
            "orders.clean",
            "shop",
            "orders",
            IngestWorkload.SUBJECT_PATH,
            IngestWorkload.POLICY);
    private final byte[][] keys = new byte[RECORDS][];
    private final byte[][] values = new byte[RECORDS][];
    private final String[] texts = new String[RECORDS];
    private PiiClassifier classifier;
    private RecordProtector protector;
    private int next;

    @Setup
    public void setUp() throws Exception {
        var workload = new IngestWorkload(42);
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = IngestWorkload.key(i);
            values[i] = workload.next(i);
            texts[i] = new String(values[i], StandardCharsets.UTF_8);
        }
        Vault vault = new VaultBuilder()
                .kms(LocalKms.open(Files.createTempDirectory("lethe-bench-kms").resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build();
        classifier = PiiClassifier.create();
        protector = new RecordProtector(classifier, vault, DatasetFields.NONE);
        for (int i = 0; i < RECORDS; i++) {
            protector.process(stream, keys[i], values[i]); // every subject's key created and cached
        }
    }

    @Benchmark
    public ProtectedRecord protectRecord() {
        int i = next();
        return protector.process(stream, keys[i], values[i]);
    }

    @Benchmark
    public List<?> classifyRecord() {
        return classifier.scanJson(texts[next()]);
    }

    /** Baseline: parse the record into a tree and write it back, nothing else. */
    @Benchmark
    public byte[] parseAndEncodeBaseline() {
        return JsonCodec.INSTANCE.encode(JsonCodec.INSTANCE.decode(values[next()]));
    }

    private int next() {
        int i = next;
        next = (i + 1) % RECORDS;
        return i;
    }

    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
