package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.vault.TokenKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RecordProtectorTest {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProtectionPolicy POLICY = new ProtectionPolicy(
            Map.of("contact.email", TokenKind.DETERMINISTIC, "financial.card", TokenKind.FORMAT_PRESERVING),
            TokenKind.REDACT);

    @TempDir
    Path keys;

    RecordProtector protector;

    @BeforeEach
    void vault() {
        protector = new RecordProtector(CLASSIFIER, TestVaults.create(keys));
    }

    @Test
    void personalDataIsReplacedPerPolicyAndTheRestKept() {
        ProtectedRecord result = protect("""
                {"order":"SO-1001","total":42.5,
                 "customer":{"id":"cust-42","email":"ana.lopez@example.com","card":"4111 1111 1111 1111"}}""");

        JsonNode clean = json(result);
        assertThat(clean.get("order").asString()).isEqualTo("SO-1001");
        assertThat(clean.get("total").asDouble()).isEqualTo(42.5);
        assertThat(clean.at("/customer/email").asString()).startsWith("tok_email_");
        String card = clean.at("/customer/card").asString();
        assertThat(card).hasSize(19).matches("\\d{4} \\d{4} \\d{4} 1111").isNotEqualTo("4111 1111 1111 1111");
        assertThat(result.subject()).isEqualTo("cust-42");
        assertThat(result.categories()).contains("contact.email", "financial.card");
        assertThat(new String(result.json(), StandardCharsets.UTF_8)).doesNotContain("ana.lopez");
    }

    @Test
    void theSameValueOfTheSameSubjectGivesTheSameToken() {
        String record = """
                {"customer":{"id":"cust-7","email":"bo@example.org"}}""";

        assertThat(json(protect(record)).at("/customer/email"))
                .isEqualTo(json(protect(record)).at("/customer/email"));
    }

    @Test
    void personalDataInsideProseIsReplacedInPlace() {
        JsonNode clean = json(protect("""
                {"customer":{"id":"c-1"},"note":"Please email ana.lopez@example.com before Friday."}"""));

        assertThat(clean.get("note").asString())
                .startsWith("Please email tok_email_")
                .endsWith(" before Friday.");
    }

    @Test
    void categoriesWithoutAPolicyEntryFallBackAndSecretsAreAlwaysRedacted() {
        ProtectedRecord result = protect("""
                {"customer":{"id":"c-2","iban":"DE89 3704 0044 0532 0130 00"},"password":"hunter2-Secret!"}""");

        JsonNode clean = json(result);
        assertThat(clean.at("/customer/iban").isNull()).isTrue();
        assertThat(clean.get("password").isNull()).isTrue();
        assertThat(result.replacements()).containsEntry(TokenKind.REDACT, 2);
    }

    @Test
    void aRecordWithoutItsSubjectIsStillProtected() {
        ProtectedRecord result = protect("""
                {"email":"nobody@example.com"}""");

        assertThat(result.subject()).isNull();
        assertThat(json(result).get("email").asString()).startsWith("tok_email_");
    }

    @Test
    void whatIsNotAJsonObjectIsRefusedWithAReasonAndNoValue() {
        assertThatThrownBy(() -> protect("{\"email\":\"ana@example.com\""))
                .isInstanceOf(UnprocessableRecordException.class)
                .hasMessage("not valid JSON");
        assertThatThrownBy(() -> protect("[1,2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> protector.protect("t", "$.id", POLICY, new byte[] {(byte) 0xC3, (byte) 0x28}))
                .hasMessage("not UTF-8");
    }

    private ProtectedRecord protect(String record) {
        return protector.protect("tenant-1", "$.customer.id", POLICY, record.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(ProtectedRecord result) {
        return JSON.readTree(result.json());
    }
}
