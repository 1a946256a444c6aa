package dev.lethe.classifier.eval;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.classifier.PiiType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the classifier on the generated corpus and writes per-type precision, recall and F1 to
 * {@code target/eval.md}. A finding is a true positive when it has the label's type and path and its span
 * overlaps the label's; every other finding is a false positive, every unmatched label a false negative.
 */
class EvaluationTest {

    static final long SEED = 20261123L;
    static final int PER_TYPE_AND_MODE = 60;
    static final int NEGATIVES = 400;

    /** The "validated types": precision >= 0.97 and recall >= 0.95. */
    static final Set<PiiType> VALIDATED = EnumSet.of(
            PiiType.CREDIT_CARD,
            PiiType.IBAN,
            PiiType.EMAIL_ADDRESS,
            PiiType.IP_ADDRESS,
            PiiType.US_SSN,
            PiiType.US_ITIN,
            PiiType.UK_NINO,
            PiiType.UK_NHS,
            PiiType.DE_TAX_ID,
            PiiType.FR_NIR,
            PiiType.ES_DNI,
            PiiType.IT_FISCAL_CODE,
            PiiType.NL_BSN,
            PiiType.PL_PESEL,
            PiiType.SE_PERSONNUMMER,
            PiiType.FI_HETU,
            PiiType.BE_NATIONAL_NUMBER,
            PiiType.EU_VAT);

    private static Metrics byType;
    private static Metrics byTypeAndMode;

    @BeforeAll
    static void evaluate() throws IOException {
        PiiClassifier classifier = PiiClassifier.builder().defaultRegion("DE").build();
        List<Sample> corpus = new Corpus(SEED).generate(PER_TYPE_AND_MODE, NEGATIVES);
        byType = new Metrics();
        byTypeAndMode = new Metrics();
        for (Sample sample : corpus) {
            List<Finding> findings =
                    sample.record() ? classifier.scanJson(sample.input()) : classifier.scanText(sample.input());
            score(sample, findings);
        }
        String notes = "Generated corpus, seed " + SEED + ": " + corpus.size() + " samples (" + PER_TYPE_AND_MODE
                + " sentences and " + PER_TYPE_AND_MODE + " JSON records per type, in EN/DE/FR/ES/IT/NL, plus "
                + 2 * NEGATIVES + " look-alike negatives and " + NEGATIVES + " paragraphs mixing three types and a "
                + "look-alike). Values of self-evident types appear a third of the time without context words or "
                + "under neutral field names. Default phone region DE. Thresholds asserted by "
                + "EvaluationTest: validated types P >= 0.97 and R >= 0.95 overall; names and addresses in telling "
                + "fields (input = record) P and R >= 0.85.";
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(
                target.resolve("eval.md"),
                byType.markdown("Classifier evaluation: per type", notes) + "\n"
                        + byTypeAndMode.markdown("Per type and input kind", ""));
    }

    private static void score(Sample sample, List<Finding> findings) {
        String mode = sample.record() ? "record" : "text";
        List<Sample.Label> unmatched = new ArrayList<>(sample.labels());
        for (Finding f : findings) {
            Sample.Label hit =
                    unmatched.stream().filter(l -> matches(l, f)).findFirst().orElse(null);
            if (hit != null) {
                unmatched.remove(hit);
                count(f.type(), mode).forEach(c -> c.tp++);
            } else {
                count(f.type(), mode).forEach(c -> c.fp++);
            }
        }
        for (Sample.Label l : unmatched) {
            count(l.type(), mode).forEach(c -> c.fn++);
        }
    }

    private static List<Metrics.Counts> count(PiiType type, String mode) {
        return List.of(byType.of(type + "/all"), byTypeAndMode.of(type + "/" + mode));
    }

    private static boolean matches(Sample.Label label, Finding f) {
        return label.type() == f.type()
                && Objects.equals(label.path(), f.path())
                && f.start() < label.end()
                && label.start() < f.end();
    }

    @Test
    void validatedTypesMeetTheThresholds() {
        SoftAssertions soft = new SoftAssertions();
        for (PiiType type : VALIDATED) {
            Metrics.Counts c = byType.of(type + "/all");
            // Without gold examples the figures are n/a: a type the corpus lost must fail, not pass as perfect.
            soft.assertThat(c.precision()).as("precision of %s", type).isPresent();
            soft.assertThat(c.recall()).as("recall of %s", type).isPresent();
            soft.assertThat(c.precision().orElse(0)).as("precision of %s", type).isGreaterThanOrEqualTo(0.97);
            soft.assertThat(c.recall().orElse(0)).as("recall of %s", type).isGreaterThanOrEqualTo(0.95);
        }
        soft.assertAll();
    }

    @Test
    void namesAndAddressesInTellingFieldsMeetTheThresholds() {
        SoftAssertions soft = new SoftAssertions();
        for (PiiType type : List.of(PiiType.PERSON_NAME, PiiType.POSTAL_ADDRESS)) {
            Metrics.Counts c = byTypeAndMode.of(type + "/record");
            soft.assertThat(c.precision().orElse(0))
                    .as("precision of %s in records", type)
                    .isGreaterThanOrEqualTo(0.85);
            soft.assertThat(c.recall().orElse(0))
                    .as("recall of %s in records", type)
                    .isGreaterThanOrEqualTo(0.85);
        }
        soft.assertAll();
    }

    @Test
    void everyOtherTypeIsFoundWithUsefulQuality() {
        SoftAssertions soft = new SoftAssertions();
        for (PiiType type : PiiType.values()) {
            Metrics.Counts c = byType.of(type + "/all");
            if (VALIDATED.contains(type) || c.tp + c.fn == 0) {
                continue;
            }
            soft.assertThat(c.f1().orElse(0)).as("F1 of %s", type).isGreaterThanOrEqualTo(0.8);
        }
        soft.assertAll();
    }
}
