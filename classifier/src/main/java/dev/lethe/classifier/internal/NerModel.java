package dev.lethe.classifier.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A greedy left-to-right sequence tagger (averaged perceptron over hashed features, BIO labels) for
 * people, places, postal addresses and organisations in free text. The weights are a class-path
 * resource built by {@code NerTraining} from the repository's synthetic corpus; they are read once.
 * Immutable after loading and thread-safe: tagging keeps its state on the caller's stack.
 */
final class NerModel {

    /** The model shipped in the jar; the number changes whenever features or corpus change. */
    static final String RESOURCE = "ner-model-v2.bin.gz";

    /** The one-word place names the model's features were built with; versioned with the model. */
    static final String PLACES = "places-v2.txt";

    /** The wide given and family name lists the model's features were built with; versioned with the model. */
    static final String GIVEN_NAMES = "given-names-wide-v2.txt";

    static final String FAMILY_NAMES = "family-names-wide-v2.txt";

    private static final int MAGIC = 0x4c4e4552; // "LNER"
    private static final int FORMAT = 1;

    enum Entity {
        PERSON,
        LOCATION,
        ADDRESS,
        ORGANIZATION
    }

    static final int LABELS = 1 + 2 * Entity.values().length;
    /** The "label" before the first token. */
    static final int START = LABELS;

    /** Tokens {@code first..last} (inclusive) are one entity; margin is the weakest token's score lead. */
    record Span(Entity entity, int first, int last, float margin) {}

    final int buckets;
    final float[] weights;

    NerModel(int buckets, float[] weights) {
        if (Integer.bitCount(buckets) != 1 || weights.length != buckets * LABELS) {
            throw new IllegalArgumentException("buckets must be a power of two and match the weights");
        }
        this.buckets = buckets;
        this.weights = weights;
    }

    private static final class Holder {
        static final NerModel SHIPPED = load(RESOURCE);
    }

    static NerModel shipped() {
        return Holder.SHIPPED;
    }

    List<Span> tag(Tokens tokens) {
        int n = tokens.count();
        List<Span> spans = new ArrayList<>();
        if (n == 0) {
            return spans;
        }
        NerFeatures features = new NerFeatures(tokens, buckets);
        int[] feats = new int[NerFeatures.MAX];
        float[] scores = new float[LABELS];
        int prev = START;
        int prev2 = START;
        int open = -1;
        float margin = Float.MAX_VALUE;
        for (int i = 0; i <= n; i++) {
            int label = 0;
            float lead = 0;
            if (i < n) {
                int count = features.features(i, prev, prev2, feats);
                label = best(weights, feats, count, prev, scores);
                lead = lead(scores, label, prev);
            }
            boolean continues = label != 0 && !isBegin(label);
            if (open >= 0 && !continues) {
                spans.add(new Span(entity(prev), open, i - 1, margin));
                open = -1;
            }
            if (isBegin(label)) {
                open = i;
                margin = lead;
            } else if (continues) {
                margin = Math.min(margin, lead);
            }
            prev2 = prev;
            prev = label;
        }
        return spans;
    }

    /** The best label allowed after {@code prev} (an inside label only continues its own entity). */
    static int best(float[] weights, int[] feats, int count, int prev, float[] scores) {
        java.util.Arrays.fill(scores, 0f);
        for (int k = 0; k < count; k++) {
            int base = feats[k] * LABELS;
            for (int l = 0; l < LABELS; l++) {
                scores[l] += weights[base + l];
            }
        }
        int best = 0;
        for (int l = 1; l < LABELS; l++) {
            if (allowed(prev, l) && scores[l] > scores[best]) {
                best = l;
            }
        }
        return best;
    }

    private static float lead(float[] scores, int label, int prev) {
        float second = -Float.MAX_VALUE;
        for (int l = 0; l < LABELS; l++) {
            if (l != label && allowed(prev, l)) {
                second = Math.max(second, scores[l]);
            }
        }
        return scores[label] - second;
    }

    static boolean allowed(int prev, int label) {
        if (label == 0 || isBegin(label)) {
            return true;
        }
        return prev != START && prev != 0 && entityIndex(prev) == entityIndex(label);
    }

    static boolean isBegin(int label) {
        return label > 0 && label % 2 == 1;
    }

    static int begin(Entity e) {
        return 1 + 2 * e.ordinal();
    }

    static int inside(Entity e) {
        return 2 + 2 * e.ordinal();
    }

    private static int entityIndex(int label) {
        return (label - 1) / 2;
    }

    static Entity entity(int label) {
        return Entity.values()[entityIndex(label)];
    }

    /** Writes the non-zero weights (delta-coded positions); gzip removes most of the rest. */
    void write(OutputStream target) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(target);
        DataOutputStream out = new DataOutputStream(zip);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(buckets);
        out.writeInt(LABELS);
        int nonZero = 0;
        for (float w : weights) {
            nonZero += w != 0f ? 1 : 0;
        }
        out.writeInt(nonZero);
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                out.writeInt(i - last);
                out.writeFloat(weights[i]);
                last = i;
            }
        }
        out.flush();
        zip.finish();
    }

    static NerModel read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(source, 1 << 16));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a name tagger model of format " + FORMAT);
        }
        int buckets = in.readInt();
        if (in.readInt() != LABELS || Integer.bitCount(buckets) != 1 || buckets > 1 << 22) {
            throw new IOException("model labels or size do not match this version of the tagger");
        }
        float[] weights = new float[buckets * LABELS];
        int nonZero = in.readInt();
        int at = 0;
        for (int k = 0; k < nonZero; k++) {
            at += in.readInt();
            weights[at] = in.readFloat();
        }
        return new NerModel(buckets, weights);
    }

    private static NerModel load(String resource) {
        try (InputStream in = NerModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + resource, e);
        }
    }
}
