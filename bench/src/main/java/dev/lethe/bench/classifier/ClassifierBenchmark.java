package dev.lethe.bench.classifier;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the classifier on one thread (so per core): JSON records of about 1 KB and free-text
 * paragraphs of about 1 KB, each next to the naive regex baseline over the same inputs. One operation is
 * one record or one paragraph; MB/s = ops/s x average size (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifierBenchmark {

    private static final int INPUTS = 512;

    private PiiClassifier classifier;
    private List<String> records;
    private List<String> paragraphs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        classifier = PiiClassifier.builder().defaultRegion("DE").build();
        records = Workload.records(INPUTS, 1L);
        paragraphs = Workload.paragraphs(INPUTS, 2L);
        System.out.printf(
                "%n[workload] records: %.0f bytes on average, paragraphs: %.0f bytes on average%n",
                Workload.averageBytes(records), Workload.averageBytes(paragraphs));
    }

    private String nextOf(List<String> inputs) {
        next = (next + 1) & (INPUTS - 1);
        return inputs.get(next);
    }

    @Benchmark
    public List<Finding> jsonRecords() {
        return classifier.scanJson(nextOf(records));
    }

    @Benchmark
    public int jsonRecordsNaiveRegex() {
        return NaiveRegexBaseline.scan(nextOf(records));
    }

    @Benchmark
    public List<Finding> freeText() {
        return classifier.scanText(nextOf(paragraphs));
    }

    @Benchmark
    public int freeTextNaiveRegex() {
        return NaiveRegexBaseline.scan(nextOf(paragraphs));
    }
}
