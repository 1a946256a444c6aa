package dev.lethe.bench.ingest;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.JsonCodec;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The CPU time one thread spends per record protecting the ingest bench's records, next to the classifier
 * alone and the JSON parse and encode (the baseline) in the same run. CPU time of the measuring thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), not wall time: on a machine shared with other work the
 * time the thread waits for a core is left out, so runs at different loads compare (caches and frequency
 * still vary with load; compare runs side by side). Plain main, same class path as {@link ProtectorBenchmark}:
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.lethe.bench.ingest.ProtectorCpuCost [rounds]
 * </pre>
 */
public final class ProtectorCpuCost {

    private static final int RECORDS = 4_096;

    private ProtectorCpuCost() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        var workload = new IngestWorkload(42);
        byte[][] keys = new byte[RECORDS][];
        byte[][] values = new byte[RECORDS][];
        String[] texts = new String[RECORDS];
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
        var classifier = PiiClassifier.create();
        var protector = new RecordProtector(classifier, vault, DatasetFields.NONE);
        var stream = new StreamDefinition(
                "bench-protect",
                "bench",
                "orders.raw",
                "orders.clean",
                "shop",
                "orders",
                IngestWorkload.SUBJECT_PATH,
                IngestWorkload.POLICY);
        IntConsumer parse = i -> JsonCodec.INSTANCE.encode(JsonCodec.INSTANCE.decode(values[i]));
        IntConsumer classify = i -> classifier.scanJson(texts[i]);
        IntConsumer protect = i -> protector.process(stream, keys[i], values[i]);
        for (int warm = 0; warm < 5; warm++) { // JIT, and every subject's key created and cached
            pass(parse);
            pass(classify);
            pass(protect);
        }
        long[][] micros = new long[3][rounds];
        for (int r = 0; r < rounds; r++) {
            micros[0][r] = pass(parse);
            micros[1][r] = pass(classify);
            micros[2][r] = pass(protect);
        }
        double parseCost = median(micros[0]);
        double protectCost = median(micros[2]);
        System.out.printf(
                "CPU µs per record (median of %d passes of %,d records; min-max): parse+encode %.1f (%.1f-%.1f),"
                        + " classify %.1f (%.1f-%.1f), protect %.1f (%.1f-%.1f); protect = %.1fx parse+encode,"
                        + " %,.0f records per CPU second%n",
                rounds,
                RECORDS,
                parseCost,
                min(micros[0]),
                max(micros[0]),
                median(micros[1]),
                min(micros[1]),
                max(micros[1]),
                protectCost,
                min(micros[2]),
                max(micros[2]),
                protectCost / parseCost,
                1e6 / protectCost);
    }

    /** CPU nanoseconds of this thread for one pass, per record, in tenths of a microsecond. */
    private static long pass(IntConsumer operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < RECORDS; i++) {
            operation.accept(i);
        }
        return (threads.getCurrentThreadCpuTime() - start) / RECORDS / 100;
    }

    private static double median(long[] tenths) {
        long[] sorted = tenths.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 10.0;
    }

    private static double min(long[] tenths) {
        return Arrays.stream(tenths).min().orElseThrow() / 10.0;
    }

    private static double max(long[] tenths) {
        return Arrays.stream(tenths).max().orElseThrow() / 10.0;
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
