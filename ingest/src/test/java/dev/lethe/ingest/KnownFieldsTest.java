package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.vault.TokenKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Confirmed fields the protector stops scanning once detection agreed with them (see {@link KnownFields}). */
class KnownFieldsTest {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StreamDefinition STREAM = new StreamDefinition(
            "orders",
            "tenant-1",
            "orders.raw",
            "orders.clean",
            "shop",
            "orders",
            "$.customer.id",
            new ProtectionPolicy(Map.of("contact.email", TokenKind.DETERMINISTIC), TokenKind.REDACT));

    @TempDir
    Path keys;

    private final Map<String, Set<String>> confirmed = new HashMap<>();
    private RecordProtector protector;

    @BeforeEach
    void protector() {
        protector = new RecordProtector(CLASSIFIER, TestVaults.create(keys), new DatasetFields() {
            @Override
            public Map<String, Set<String>> confirmed(StreamDefinition stream) {
                return confirmed;
            }

            @Override
            public void sighted(StreamDefinition stream, Collection<FieldSighting> sightings) {}
        });
    }

    @Test
    void aConfirmedFieldDetectionAlwaysAgreedWithIsTokenizedWholeWithTheTokensDetectionGave() {
        confirmed.put("customer.email", Set.of("contact.email"));
        String detected = email(protect("c-1", "ana@example.com"));
        learn();

        assertThat(email(protect("c-1", "ana@example.com"))).isEqualTo(detected);
        // Detection would replace the address only; a known field is replaced whole, whatever it holds.
        String whole = email(protect("c-2", "ana@example.com (private)"));
        assertThat(whole).startsWith("tok_email_").doesNotContain("ana", "private");
    }

    @Test
    void aFieldNotConfirmedIsScannedAsBefore() {
        learn(); // the same values, but no field confirmed

        assertThat(email(protect("c-2", "ana@example.com (private)")))
                .startsWith("tok_email_")
                .endsWith(" (private)");
    }

    @Test
    void aConfirmedFieldWithFreeTextKeepsItsSpansDetected() {
        confirmed.put("$.customer.email", Set.of("contact.email"));
        for (int i = 0; i < 2 * KnownFields.AGREEING_VALUES; i++) {
            protect("c-" + i, "Write to user" + i + "@example.com before Friday.");
        }

        assertThat(email(protect("c-3", "Write to bo@example.org before Friday.")))
                .startsWith("Write to tok_email_")
                .endsWith(" before Friday.");
    }

    @Test
    void aKnownFieldIsStillSightedForTheCatalog() {
        confirmed.put("$.customer.email", Set.of("contact.email"));
        learn();

        ProtectedRecord result = protect("c-4", "bo@example.org");

        assertThat(result.sightings())
                .extracting(FieldSighting::path, FieldSighting::category)
                .containsExactly(Tuple.tuple("$.customer.email", "contact.email"));
        assertThat(result.sightings().getFirst().confidence()).isGreaterThan(0.5);
        assertThat(result.categories()).containsExactly("contact.email");
        assertThat(new String(result.value(), StandardCharsets.UTF_8)).doesNotContain("bo@example.org");
    }

    /** Enough records with plain addresses in the e-mail field for detection to have agreed. */
    private void learn() {
        for (int i = 0; i < KnownFields.AGREEING_VALUES; i++) {
            protect("c-" + i, "user" + i + "@example.com");
        }
    }

    private ProtectedRecord protect(String subject, String email) {
        String record = JSON.writeValueAsString(Map.of("customer", Map.of("id", subject, "email", email)));
        return protector.process(STREAM, null, record.getBytes(StandardCharsets.UTF_8));
    }

    private static String email(ProtectedRecord result) {
        JsonNode clean = JSON.readTree(result.value());
        return clean.at("/customer/email").asString();
    }
}
