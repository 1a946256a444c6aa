package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClocksTest {

    @Test
    void readsTheWaysASourceSpellsADate() {
        Instant noon = Instant.parse("2025-06-01T12:00:00Z");
        assertThat(Clocks.parse("2025-06-01T12:00:00Z")).isEqualTo(noon);
        assertThat(Clocks.parse("2025-06-01T14:00:00+02:00")).isEqualTo(noon);
        assertThat(Clocks.parse("2025-06-01T12:00:00")).isEqualTo(noon);
        assertThat(Clocks.parse(String.valueOf(noon.toEpochMilli()))).isEqualTo(noon);
        assertThat(Clocks.parse("2025-06-01")).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    }

    @Test
    void aFormatItDoesNotKnowGivesNoTime() {
        assertThat(Clocks.parse("01/06/2025")).isNull();
    }
}
