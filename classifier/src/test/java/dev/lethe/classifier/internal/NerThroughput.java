package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiClassifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Milliseconds per sentence of {@code scanText} on the evaluation corpus, one thread, after warm-up; and
 * of the name tagger alone; and of the organisation and place corrections after the tagger, on the
 * candidates they get. The thread's CPU time, not the wall clock: on a shared machine the minutes the
 * thread waits for a core are left out, so builds compare even under load. A clock has no place in unit
 * tests, so this runs only on demand:
 *
 * <pre>./mvnw -B -ntp -o test -pl classifier -Dtest=NerThroughput -Dlethe.ner.bench=true</pre>
 */
class NerThroughput {

    @Test
    @EnabledIfSystemProperty(named = "lethe.ner.bench", matches = "true")
    void printsMillisecondsPerSentence() {
        PiiClassifier classifier = PiiClassifier.create();
        List<NerSentence> corpus = new NerEvaluationCorpus(11L).sentences(2000);
        String[] texts = corpus.stream().map(NerSentence::text).toArray(String[]::new);
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            for (String t : texts) {
                sink += classifier.scanText(t).size();
                sink += NerModel.shipped().tag(Tokens.of(t)).size();
            }
        }
        int rounds = 10;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (String t : texts) {
                sink += classifier.scanText(t).size();
            }
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (String t : texts) {
                sink += NerModel.shipped().tag(Tokens.of(t)).size();
            }
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        // the corrections after the tagger, on the candidates the scanner had before them
        TextScanner scanner = new TextScanner(new PhoneMatcher(null));
        Tokens[] tokens = new Tokens[texts.length];
        List<List<Candidate>> before = new java.util.ArrayList<>();
        for (int k = 0; k < texts.length; k++) {
            tokens[k] = Tokens.of(texts[k]);
            before.add(scanner.candidates(texts[k]));
        }
        long corrections = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < texts.length; k++) {
                List<Candidate> out = new java.util.ArrayList<>(before.get(k));
                long c0 = cpu.getCurrentThreadCpuTime();
                OrganizationDetector.detect(tokens[k], out);
                PlaceCorrections.apply(tokens[k], out);
                corrections += cpu.getCurrentThreadCpuTime() - c0;
                sink += out.size();
            }
        }
        double n = (double) rounds * texts.length;
        System.out.printf(
                Locale.ROOT,
                "scanText: %.4f CPU ms/sentence, tagger alone: %.4f, organisation and place corrections"
                        + " alone: %.4f (%d sentences x %d, sink %d)%n",
                (t1 - t0) / 1e6 / n,
                (t2 - t1) / 1e6 / n,
                corrections / 1e6 / n,
                texts.length,
                rounds,
                sink);
    }
}
