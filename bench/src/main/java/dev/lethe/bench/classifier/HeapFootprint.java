package dev.lethe.bench.classifier;

import dev.lethe.classifier.PiiClassifier;
import java.util.List;

/**
 * Measures the heap the classifier keeps: used heap after a full GC, before and after building a
 * classifier and scanning once (which loads the name dictionaries and libphonenumber's metadata).
 * Run: {@code java -cp bench/target/benchmarks.jar dev.lethe.bench.classifier.HeapFootprint}.
 */
public final class HeapFootprint {

    private HeapFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> records = Workload.records(64, 3L);
        List<String> paragraphs = Workload.paragraphs(64, 4L);
        long before = usedAfterGc();
        PiiClassifier classifier = PiiClassifier.builder().defaultRegion("DE").build();
        int findings = 0;
        for (int i = 0; i < records.size(); i++) {
            findings += classifier.scanJson(records.get(i)).size()
                    + classifier.scanText(paragraphs.get(i)).size();
        }
        long after = usedAfterGc();
        System.out.printf(
                "classifier heap (dictionaries, phone metadata, caches): %.1f MB (%d findings)%n",
                (after - before) / 1_048_576.0, findings);
        if (classifier.scanText("").size() != 0) { // keeps the classifier reachable until after the measurement
            throw new IllegalStateException();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
