package dev.lethe.ui.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Client addresses become keyed hashes: stable for one key, different under another, never the address. */
class AddressHashesTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void anAddressHashesTheSameWayForOneKeyAndDifferentlyForAnother() {
        AddressHashes hashes = new AddressHashes(KEY);
        UUID apiKey = UUID.randomUUID();

        assertThat(hashes.forKey(apiKey, "203.0.113.7")).isEqualTo(hashes.forKey(apiKey, "203.0.113.7"));
        assertThat(hashes.forKey(apiKey, "203.0.113.7")).isNotEqualTo(hashes.forKey(apiKey, "203.0.113.8"));
        assertThat(hashes.forKey(UUID.randomUUID(), "203.0.113.7")).isNotEqualTo(hashes.forKey(apiKey, "203.0.113.7"));
        assertThat(new AddressHashes(Base64.getEncoder()
                                .encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                        .label("203.0.113.7"))
                .isNotEqualTo(hashes.label("203.0.113.7"));
    }

    @Test
    void aLabelNamesNoAddress() {
        String label = new AddressHashes("").label("203.0.113.7");

        assertThat(label).hasSize(16).doesNotContain("203").doesNotContain("113");
        assertThat(HexFormat.of().parseHex(label)).hasSize(8);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new AddressHashes(Base64.getEncoder().encodeToString(new byte[8])))
                .hasMessageContaining("lethe.signals.address-key");
    }
}
