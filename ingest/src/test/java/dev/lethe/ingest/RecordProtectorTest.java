package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final String TENANT = "tenant-1";
    private static final StreamDefinition STREAM = new StreamDefinition(
            "orders", TENANT, "orders.raw", "orders.clean", "shop", "orders", "$.customer.id", POLICY);

    @TempDir
    Path keys;

    RecordProtector protector;
    Vault vault;
    Map<String, Set<String>> confirmed = new HashMap<>();
    List<FieldSighting> reported = new ArrayList<>();

    @BeforeEach
    void vault() {
        vault = TestVaults.create(keys);
        protector = new RecordProtector(CLASSIFIER, vault, new DatasetFields() {
            @Override
            public Map<String, Set<String>> confirmed(StreamDefinition stream) {
                return confirmed;
            }

            @Override
            public void sighted(StreamDefinition stream, Collection<FieldSighting> sightings) {
                reported.addAll(sightings);
            }
        });
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
        assertThat(result.subjectHash())
                .isEqualTo(vault.subjectHash(TENANT, "cust-42").hex());
        assertThat(result.categories()).contains("contact.email", "financial.card");
        assertThat(new String(result.value(), StandardCharsets.UTF_8)).doesNotContain("ana.lopez");
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
        assertThat(result.tokenizations()).containsEntry(TokenKind.REDACT, 2);
    }

    @Test
    void aRecordWithoutItsSubjectIsStillProtected() {
        ProtectedRecord result = protect("""
                {"email":"nobody@example.com"}""");

        assertThat(result.subjectHash()).isNull();
        assertThat(json(result).get("email").asString()).startsWith("tok_email_");
    }

    @Test
    void whatIsNotAJsonObjectIsRefusedWithAReasonAndNoValue() {
        assertThatThrownBy(() -> protect("{\"email\":\"ana@example.com\""))
                .isInstanceOf(UnprocessableRecordException.class)
                .hasMessage("not valid JSON");
        assertThatThrownBy(() -> protect("[1,2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> protector.process(STREAM, null, new byte[] {(byte) 0xC3, (byte) 0x28}))
                .hasMessage("not UTF-8");
        assertThatThrownBy(() -> protector.process(STREAM, null, null)).hasMessage("no value");
    }

    @Test
    void aKeyThatIsPersonalDataIsTokenizedAndAPlainKeyKept() {
        byte[] record = "{\"customer\":{\"id\":\"c-3\"}}".getBytes(StandardCharsets.UTF_8);

        ProtectedRecord emailKey = protector.process(STREAM, utf8("ana.lopez@example.com"), record);
        ProtectedRecord jsonKey = protector.process(STREAM, utf8("{\"email\":\"ana.lopez@example.com\"}"), record);
        ProtectedRecord plainKey = protector.process(STREAM, utf8("SO-1001"), record);
        ProtectedRecord binaryKey = protector.process(STREAM, new byte[] {(byte) 0xFF, 0x01}, record);

        assertThat(new String(emailKey.key(), StandardCharsets.UTF_8)).startsWith("tok_email_");
        assertThat(JSON.readTree(jsonKey.key()).get("email").asString()).startsWith("tok_email_");
        assertThat(emailKey.sightings()).extracting(FieldSighting::path).containsExactly("$key");
        assertThat(jsonKey.sightings()).extracting(FieldSighting::path).containsExactly("$key.email");
        assertThat(plainKey.key()).isEqualTo(utf8("SO-1001"));
        assertThat(binaryKey.key()).containsExactly((byte) 0xFF, 0x01);
    }

    @Test
    void aKeyThatIsNotUtf8IsStillScannedAndKeptByteForByteAroundWhatIsFound() {
        // Found by JsonRecordFuzzTest: one invalid byte made a key "binary", and its e-mail address went through.
        byte[] record = "{\"customer\":{\"id\":\"c-3\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] key =
                concat(new byte[] {'{', (byte) 0xFF, ' '}, utf8("ana.lopez@example.com"), new byte[] {(byte) 0x80});

        byte[] clean = protector.process(STREAM, key, record).key();

        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("ana.lopez").contains("tok_email_");
        assertThat(clean[1]).isEqualTo((byte) 0xFF);
        assertThat(clean[clean.length - 1]).isEqualTo((byte) 0x80);
    }

    @Test
    void anAddressWithLettersBeyondAsciiInABinaryKeyIsProtectedWhereItsBytesStand() {
        // Found by JsonRecordFuzzTest (crash-621ded4c): only the UTF-8 view sees the address, and its
        // accented letters are two bytes each in the key.
        byte[] record = "{\"customer\":{\"id\":\"c-5\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] key = concat(
                new byte[] {(byte) 0xFF, ' '}, utf8("bo@example.o\u013eudov\u00edtrg"), new byte[] {' ', (byte) 0x80});

        byte[] clean = protector.process(STREAM, key, record).key();

        String asUtf8 = new String(clean, StandardCharsets.UTF_8);
        assertThat(asUtf8).doesNotContain("bo@").doesNotContain("udov").contains("tok_email_");
        assertThat(clean[0]).isEqualTo((byte) 0xFF);
        assertThat(clean[clean.length - 1]).isEqualTo((byte) 0x80);
    }

    @Test
    void numbersPassThroughExactlyAsWritten() {
        // Found by JsonRecordFuzzTest: read as doubles, 7e999999 came out as "Infinity" and decimals rounded.
        ProtectedRecord result = protect("""
                {"big":7e999999,"precise":0.10000000000000000001,"price":1.50,"count":12345678901234567890}""");

        assertThat(new String(result.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"big\":7E+999999,\"precise\":0.10000000000000000001,\"price\":1.50,"
                        + "\"count\":12345678901234567890}");
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aConfirmedFieldIsProtectedEvenWhereDetectionFindsNothing() {
        confirmed.put("$.customer.loyaltyId", Set.of("contact.email"));

        JsonNode clean = json(protect("""
                {"customer":{"id":"c-4","loyaltyId":"LX-99812"}}"""));

        assertThat(clean.at("/customer/loyaltyId").asString())
                .startsWith("tok_")
                .isNotEqualTo("LX-99812");
    }

    @Test
    void aConfirmedFieldEnteredByItsNameIsAPathFromTheRoot() {
        confirmed.put("customer.loyaltyId", Set.of("contact.email"));

        JsonNode clean = json(protect("""
                {"customer":{"id":"c-6","loyaltyId":"LX-4711"}}"""));

        assertThat(clean.at("/customer/loyaltyId").asString())
                .startsWith("tok_")
                .isNotEqualTo("LX-4711");
    }

    @Test
    void aConfirmedFieldWithWildcardsProtectsEveryElementAndMemberItNames() {
        confirmed.put("$.cards[*].loyaltyId", Set.of("contact.email"));
        confirmed.put("$.subscribers.*.since", Set.of("contact.email"));

        JsonNode clean = json(protect("""
                {"customer":{"id":"c-13"},"cards":[{"loyaltyId":"LX-1"},{"loyaltyId":"LX-2"}],
                 "subscribers":{"anna@example.com":{"since":"2024"},"bo@example.org":{"since":"2025"}}}"""));

        assertThat(clean.get("cards").findValuesAsString("loyaltyId"))
                .hasSize(2)
                .allSatisfy(value -> assertThat(value).startsWith("tok_"));
        assertThat(clean.get("subscribers").findValuesAsString("since"))
                .hasSize(2)
                .allSatisfy(value -> assertThat(value).startsWith("tok_"));
    }

    @Test
    void sightingsNameWhereAndWhatButNeverTheValueAndFoldArrayIndexes() {
        ProtectedRecord result = protect("""
                {"customer":{"id":"c-5"},"contacts":[{"email":"a@example.com"},{"email":"b@example.com"}]}""");

        assertThat(result.sightings())
                .extracting(FieldSighting::path, FieldSighting::category)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("$.contacts[*].email", "contact.email"));
        assertThat(result.sightings()).hasSize(2);
        assertThat(result.sightings().toString()).doesNotContain("example.com");
    }

    @Test
    void memberNamesThatArePersonalDataAreTokenizedAndNeverBecomePaths() {
        String record = """
                {"customer":{"id":"c-8"},
                 "subscribers":{"anna@example.com":{"since":"2024","contact":"anna@example.com"},
                                "bo@example.org":{"since":"2025"},
                                "plain":{"note":"call bo@example.org"}}}""";

        ProtectedRecord result = protect(record);

        String clean = new String(result.value(), StandardCharsets.UTF_8);
        assertThat(clean).doesNotContain("anna@example.com", "bo@example.org", "example.com", "example.org");
        JsonNode subscribers = json(result).get("subscribers");
        assertThat(subscribers.propertyNames())
                .hasSize(3)
                .contains("plain")
                .allSatisfy(name -> assertThat(name)
                        .satisfiesAnyOf(
                                n -> assertThat(n).startsWith("tok_email_"),
                                n -> assertThat(n).isEqualTo("plain")));
        String annaToken = subscribers.propertyNames().iterator().next();
        assertThat(subscribers.get(annaToken).get("since").asString()).isEqualTo("2024");
        assertThat(subscribers.get(annaToken).get("contact").asString()).isEqualTo(annaToken);
        assertThat(result.categories()).contains("contact.email");
        assertThat(result.sightings())
                .extracting(FieldSighting::path, FieldSighting::category)
                .containsOnly(
                        org.assertj.core.groups.Tuple.tuple("$.subscribers.*", "contact.email"),
                        org.assertj.core.groups.Tuple.tuple("$.subscribers.*.contact", "contact.email"),
                        org.assertj.core.groups.Tuple.tuple("$.subscribers.*.note", "contact.email"));
        assertThat(result.sightings().toString()).doesNotContain("example", "plain");
    }

    @Test
    void theSameNameOfTheSameSubjectGivesTheSameTokenSoTheMapStaysUsable() {
        String record = """
                {"customer":{"id":"c-9"},"subscribers":{"anna@example.com":{"since":"2024"}}}""";

        assertThat(json(protect(record)).get("subscribers").propertyNames())
                .isEqualTo(json(protect(record)).get("subscribers").propertyNames());
    }

    @Test
    void redactedNamesStayDistinctAndKeepTheirValues() {
        String record = """
                {"customer":{"id":"c-10"},
                 "ibans":{"DE89 3704 0044 0532 0130 00":1,"GB29 NWBK 6016 1331 9268 19":2}}""";

        JsonNode ibans = json(protect(record)).get("ibans");

        assertThat(ibans.propertyNames()).containsExactly("[redacted]", "[redacted]~2");
        assertThat(ibans.get("[redacted]").asInt()).isEqualTo(1);
        assertThat(ibans.get("[redacted]~2").asInt()).isEqualTo(2);
    }

    @Test
    void namesInAJsonRecordKeyAreProtectedToo() {
        ProtectedRecord result = protector.process(
                STREAM, utf8("{\"anna@example.com\":\"x\"}"), utf8("{\"customer\":{\"id\":\"c-11\"}}"));

        assertThat(new String(result.key(), StandardCharsets.UTF_8))
                .doesNotContain("anna@example.com")
                .contains("tok_email_");
        assertThat(result.sightings()).extracting(FieldSighting::path).containsExactly("$key.*");
    }

    @Test
    void aValueUnderANameWithAQuoteOrABackslashIsProtected() {
        JsonNode clean = json(protect("""
                {"customer":{"id":"c-12","o'brien":"ana@example.com","back\\\\slash":"bo@example.org"}}"""));

        assertThat(clean.toString()).doesNotContain("ana@example.com", "bo@example.org");
        assertThat(clean.at("/customer/o'brien").asString()).startsWith("tok_email_");
    }

    @Test
    void aRecordNestedDeeperThanTheClassifierAllowsIsRefusedWithThatReason() {
        String deep = "{\"a\":".repeat(PiiClassifier.DEFAULT_MAX_DEPTH + 10) + "\"ana@example.com\""
                + "}".repeat(PiiClassifier.DEFAULT_MAX_DEPTH + 10);
        String beyondTheReader = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);

        assertThatThrownBy(() -> protect(deep))
                .isInstanceOf(UnprocessableRecordException.class)
                .hasMessageStartingWith("the record is beyond the classifier's limits: nesting deeper than 64")
                .hasMessageNotContaining("ana@example.com");
        assertThatThrownBy(() -> protect(beyondTheReader))
                .isInstanceOf(UnprocessableRecordException.class)
                .hasMessage("JSON nested deeper or larger than the reader accepts");
    }

    private ProtectedRecord protect(String record) {
        return protector.process(STREAM, null, utf8(record));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(ProtectedRecord result) {
        return JSON.readTree(result.value());
    }
}
