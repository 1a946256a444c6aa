package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.audit.CheckpointAnchor;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnchorRecordsTest {

    private static final CheckpointAnchor ANCHOR = new CheckpointAnchor(
            UUID.fromString("3f2b8c1e-5d4a-4e7b-9c60-1a2b3c4d5e6f"),
            300,
            "5a001a1090237d7146c3bc23697c071df386d824fedfbd4ce0a18c734dc77fec",
            Instant.parse("2026-03-01T12:34:56.123456Z"),
            "audit-1",
            new byte[] {1, 2, 3},
            "ab".repeat(32));

    @Test
    void anAnchorIsSelfContainedJsonThatReadsBackAsItWasWritten() {
        String value = AnchorRecords.encode(ANCHOR);

        assertThat(value)
                .isEqualTo("{\"v\":1,\"tenant\":\"3f2b8c1e-5d4a-4e7b-9c60-1a2b3c4d5e6f\",\"seq\":300,"
                        + "\"hash\":\"5a001a1090237d7146c3bc23697c071df386d824fedfbd4ce0a18c734dc77fec\","
                        + "\"signedAt\":\"2026-03-01T12:34:56.123456Z\",\"keyId\":\"audit-1\",\"signature\":\"AQID\","
                        + "\"publicKeySha256\":\"" + "ab".repeat(32) + "\"}");
        assertThat(AnchorRecords.decode(value)).hasValueSatisfying(read -> {
            assertThat(read).usingRecursiveComparison().isEqualTo(ANCHOR);
            assertThat(read.signature()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void aRecordThatIsNotAnAnchorVouchesForNothing() {
        assertThat(AnchorRecords.decode(null)).isEmpty();
        assertThat(AnchorRecords.decode("not json")).isEmpty();
        assertThat(AnchorRecords.decode("{\"v\":2}")).isEmpty();
        assertThat(AnchorRecords.decode("{\"v\":1,\"tenant\":\"x\"}")).isEmpty();
        assertThat(AnchorRecords.decode(AnchorRecords.encode(ANCHOR).replace("\"seq\":300", "\"seq\":0")))
                .isEmpty();
    }
}
