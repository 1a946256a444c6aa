package dev.lethe.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the chain's hash encoding. Every stored chain depends on it: a change of encoding
 * (field order, length prefix, time format, character set, detail order) would break every existing
 * chain while the code that computes and checks hashes still agreed with itself. The literals were
 * computed once (and cross-checked with an independent implementation of the encoding in Python) and
 * written down; never update them to make a change pass.
 */
class ChainHashTest {

    private static final UUID TENANT = UUID.fromString("3f2b8c1e-5d4a-4e7b-9c60-1a2b3c4d5e6f");
    private static final Instant AT = Instant.parse("2026-03-01T12:34:56.123456789Z");

    @Test
    void theFirstEntryOfAChainHasAPinnedHash() {
        String hash = ChainHash.of(
                TENANT, 1, AT, Actor.system("vault"), "vault.shred", "subject-hash:ab12", Map.of(), ChainHash.GENESIS);

        assertThat(hash).isEqualTo("5a001a1090237d7146c3bc23697c071df386d824fedfbd4ce0a18c734dc77fec");
    }

    @Test
    void detailsAndNonAsciiTextHaveAPinnedHash() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("purpose", "Auskunft für Kundin");
        details.put("count", "3");
        details.put("a;b", "1:2");

        String hash = ChainHash.of(
                TENANT,
                42,
                AT,
                Actor.apiKey("key-7"),
                "vault.detokenize",
                "tokens",
                details,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

        assertThat(hash).isEqualTo("91055791517a41369b2933f1ea18ef3da03856071df4e4aa10a7d5e81c041efc");
    }

    @Test
    void detailsAreHashedInKeyOrderWhateverTheMapOrder() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("b", "2");
        oneOrder.put("a", "1");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("a", "1");
        otherOrder.put("b", "2");

        assertThat(ChainHash.of(TENANT, 1, AT, Actor.user("u"), "a.b", "t", oneOrder, ChainHash.GENESIS))
                .isEqualTo(ChainHash.of(TENANT, 1, AT, Actor.user("u"), "a.b", "t", otherOrder, ChainHash.GENESIS));
    }

    @Test
    void timeIsHashedToTheMicrosecondThatPostgresKeeps() {
        Instant nanos = Instant.parse("2026-03-01T12:34:56.123456789Z");
        Instant micros = Instant.parse("2026-03-01T12:34:56.123456Z");

        assertThat(ChainHash.of(TENANT, 1, nanos, Actor.user("u"), "a.b", "t", Map.of(), ChainHash.GENESIS))
                .isEqualTo(ChainHash.of(TENANT, 1, micros, Actor.user("u"), "a.b", "t", Map.of(), ChainHash.GENESIS));
    }
}
