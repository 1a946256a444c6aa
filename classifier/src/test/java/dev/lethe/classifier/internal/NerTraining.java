package dev.lethe.classifier.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Builds the shipped name tagger model from the synthetic corpus (averaged perceptron, greedy decoding
 * with predicted history, as at run time). Not part of the normal build; run it with
 *
 * <pre>./mvnw -B -ntp -o test -pl classifier -Dtest=NerTraining -Dlethe.ner.train=true</pre>
 *
 * It writes {@code src/main/resources/dev/lethe/classifier/internal/} + {@link NerModel#RESOURCE}. Seed,
 * corpus size, epochs and feature buckets below make the result reproducible.
 */
class NerTraining {

    static final long SEED = 20261202L;
    static final int SENTENCES = 60_000;
    static final int EPOCHS = 6;
    static final int BUCKETS = 1 << 18;
    /** Averaged weights smaller than this are dropped: they change no decision but cost space. */
    static final float PRUNE = 0.02f;

    @Test
    @EnabledIfSystemProperty(named = "lethe.ner.train", matches = "true")
    void trainsTheShippedModel() throws IOException {
        Path target = Path.of("src/main/resources/dev/lethe/classifier/internal", NerModel.RESOURCE);
        NerModel model = train(new NerTrainingCorpus(SEED).sentences(SENTENCES));
        try (OutputStream out = Files.newOutputStream(target)) {
            model.write(out);
        }
        System.out.printf("wrote %s (%d bytes)%n", target, Files.size(target));
    }

    static NerModel train(List<NerSentence> corpus) {
        int labels = NerModel.LABELS;
        List<Tokens> tokens = new ArrayList<>(corpus.size());
        List<int[]> gold = new ArrayList<>(corpus.size());
        for (NerSentence s : corpus) {
            Tokens t = Tokens.of(s.text());
            tokens.add(t);
            gold.add(labels(t, s));
        }
        float[] w = new float[BUCKETS * labels];
        double[] totals = new double[BUCKETS * labels];
        int[] feats = new int[NerFeatures.MAX];
        float[] scores = new float[labels];
        Random random = new Random(SEED);
        int[] order = new int[corpus.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long clock = 1;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            int errors = 0;
            for (int idx : order) {
                Tokens t = tokens.get(idx);
                int[] g = gold.get(idx);
                NerFeatures features = new NerFeatures(t, BUCKETS);
                int prev = NerModel.START;
                int prev2 = NerModel.START;
                for (int i = 0; i < t.count(); i++) {
                    int n = features.features(i, prev, prev2, feats);
                    int predicted = NerModel.best(w, feats, n, prev, scores);
                    if (predicted != g[i]) {
                        errors++;
                        for (int k = 0; k < n; k++) {
                            int base = feats[k] * labels;
                            w[base + g[i]] += 1;
                            totals[base + g[i]] += clock;
                            w[base + predicted] -= 1;
                            totals[base + predicted] -= clock;
                        }
                    }
                    prev2 = prev;
                    prev = predicted;
                    clock++;
                }
            }
            System.out.printf("epoch %d: %d token errors%n", epoch + 1, errors);
        }
        float[] averaged = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            float a = (float) (w[i] - totals[i] / clock);
            averaged[i] = Math.abs(a) < PRUNE ? 0f : a;
        }
        return new NerModel(BUCKETS, averaged);
    }

    /** BIO labels per token: a token inside a span of a tagged entity type gets that entity's label. */
    static int[] labels(Tokens t, NerSentence s) {
        int[] labels = new int[t.count()];
        for (NerSentence.Gold g : s.spans()) {
            NerModel.Entity e = entity(g.type());
            if (e == null) {
                continue;
            }
            boolean first = true;
            for (int i = 0; i < t.count(); i++) {
                if (t.start(i) >= g.start() && t.end(i) <= g.end()) {
                    labels[i] = first ? NerModel.begin(e) : NerModel.inside(e);
                    first = false;
                }
            }
        }
        return labels;
    }

    private static NerModel.Entity entity(String type) {
        return switch (type) {
            case "PERSON" -> NerModel.Entity.PERSON;
            case "LOCATION" -> NerModel.Entity.LOCATION;
            case "ADDRESS" -> NerModel.Entity.ADDRESS;
            case "ORGANIZATION" -> NerModel.Entity.ORGANIZATION;
            default -> null;
        };
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
