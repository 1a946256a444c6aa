package dev.lethe.workflows.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

    @Test
    void theSameReceiptAlwaysGivesTheSameBytes() {
        byte[] once = CanonicalJson.of(TestReceipts.sample(TENANT, REQUEST));
        byte[] again = CanonicalJson.of(TestReceipts.sample(TENANT, REQUEST));

        assertThat(again).isEqualTo(once);
    }

    @Test
    void keysAreSortedAndThereIsNoWhitespace() {
        String json = new String(CanonicalJson.of(TestReceipts.sample(TENANT, REQUEST)), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"complete\":false,\"issuedAt\":\"2026-12-02T03:00:00Z\",\"receiptId\":");
        assertThat(json).contains("\"subject\":{\"customer_id\":\"77ab01\",\"email\":\"9f2c0a\"}");
        String outsideStrings = json.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        assertThat(outsideStrings).doesNotContainPattern("\\s");
    }

    @Test
    void aParsedDocumentInAnotherKeyOrderHasTheSameCanonicalBytes() {
        byte[] canonical = CanonicalJson.of(TestReceipts.sample(TENANT, REQUEST));
        var shuffled = CanonicalJson.JSON.readTree("{\"b\":1,\"a\":{\"d\":[{\"y\":2,\"x\":1}],\"c\":null}}");

        assertThat(new String(CanonicalJson.of(shuffled), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":[{\"x\":1,\"y\":2}]},\"b\":1}");
        assertThat(CanonicalJson.of(CanonicalJson.JSON.readTree(canonical))).isEqualTo(canonical);
    }
}
