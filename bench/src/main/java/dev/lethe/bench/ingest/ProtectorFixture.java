package dev.lethe.bench.ingest;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.FieldSighting;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the protector benches measure ({@link ProtectorBenchmark}, {@link ProtectorCpuCost}): the pipeline
 * bench's records ({@link IngestWorkload}, seed 42), a real vault with the local KMS and keys in memory,
 * the classifier as shipped, and two protectors of the same stream: {@link #protector} with nothing
 * confirmed in the catalog (the pipeline bench's streams), and {@link #knownFieldsProtector} with the
 * fields detection finds confirmed, as a person reviewing the discovered fields would, the protector having
 * seen enough records to know them. Both are warm: every subject's key created and cached.
 */
final class ProtectorFixture {

    /** Records cycled through: about as many subjects as a few seconds of the pipeline bench sees. */
    static final int RECORDS = 4_096;

    static final StreamDefinition STREAM = new StreamDefinition(
            "bench-protect",
            "bench",
            "orders.raw",
            "orders.clean",
            "shop",
            "orders",
            IngestWorkload.SUBJECT_PATH,
            IngestWorkload.POLICY);

    final byte[][] keys = new byte[RECORDS][];
    final byte[][] values = new byte[RECORDS][];
    final String[] texts = new String[RECORDS];
    final PiiClassifier classifier = PiiClassifier.create();
    final RecordProtector protector;
    final RecordProtector knownFieldsProtector;
    final Map<String, Set<String>> confirmed;

    ProtectorFixture() throws IOException {
        var workload = new IngestWorkload(42);
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = IngestWorkload.key(i);
            values[i] = workload.next(i);
            texts[i] = new String(values[i], StandardCharsets.UTF_8);
        }
        Vault vault = vault(Files.createTempDirectory("lethe-bench-kms"));
        confirmed = confirmedFields(classifier, texts);
        protector = new RecordProtector(classifier, vault, DatasetFields.NONE);
        knownFieldsProtector = new RecordProtector(classifier, vault, confirming(confirmed));
        for (int i = 0; i < RECORDS; i++) {
            protector.process(STREAM, keys[i], values[i]);
            knownFieldsProtector.process(STREAM, keys[i], values[i]);
        }
    }

    /**
     * The fields detection finds personal data in among the first records, each with the first category
     * found there: what a person confirms when reviewing the discovered fields (the free-text note included).
     */
    static Map<String, Set<String>> confirmedFields(PiiClassifier classifier, String[] records) {
        Map<String, Set<String>> confirmed = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(records.length, 100); i++) {
            for (Finding finding : classifier.scanJson(records[i])) {
                if (finding.path() != null) {
                    confirmed.putIfAbsent(finding.path().replaceAll("\\[\\d+]", "[*]"), Set.of(finding.category()));
                }
            }
        }
        return Map.copyOf(confirmed);
    }

    /** The catalog of a dataset whose fields people confirmed; sightings are not kept. */
    static DatasetFields confirming(Map<String, Set<String>> confirmed) {
        return new DatasetFields() {
            @Override
            public Map<String, Set<String>> confirmed(StreamDefinition stream) {
                return confirmed;
            }

            @Override
            public void sighted(StreamDefinition stream, Collection<FieldSighting> sightings) {}
        };
    }

    /** A real vault: a local KMS keyset under {@code directory}, keys in memory, audit not kept. */
    static Vault vault(Path directory) {
        return new VaultBuilder()
                .kms(LocalKms.open(directory.resolve("kms/keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new VaultAudit() {
                    @Override
                    public void detokenized(TokensDetokenized event) {}

                    @Override
                    public void detokenizationDenied(DetokenizationDenied event) {}

                    @Override
                    public void shredded(SubjectShredded event) {}
                })
                .build();
    }
}
