package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsBeyondTheReadersLimitsAreUnprocessableWithoutQuotingThem() {
        String hugeNumber = "{\"n\":" + "7".repeat(1_001) + "}";
        String deep = "{\"a\":".repeat(257) + "1" + "}".repeat(257);
        String longName = "{\"" + "k".repeat(10_001) + "\":1}";

        for (String record : new String[] {hugeNumber, deep, longName}) {
            assertThatThrownBy(() -> JsonCodec.INSTANCE.decode(utf8(record)))
                    .isInstanceOf(UnprocessableRecordException.class)
                    .hasMessage("JSON nested deeper or larger than the reader accepts");
        }
    }

    @Test
    void recordsWithinTheLimitsAreRead() {
        String record = "{\"n\":" + "7".repeat(1_000) + ",\"d\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";

        assertThat(JsonCodec.INSTANCE.decode(utf8(record)).get("n").isNumber()).isTrue();
    }

    @Test
    void asciiAndOtherUtf8AreReadAlikeAndBrokenBytesKeepTheirReasons() {
        var codec = JsonCodec.INSTANCE;

        assertThat(codec.decode(utf8("{\"name\":\"Ana\",\"n\":1.50}")).toString())
                .isEqualTo("{\"name\":\"Ana\",\"n\":1.50}");
        assertThat(codec.decode(utf8("{\"name\":\"Zoë\"}")).get("name").asString())
                .isEqualTo("Zoë");
        // NUL bytes could make a byte reader guess UTF-16: read as text, they are not JSON.
        assertThatThrownBy(() -> codec.decode(new byte[] {'{', 0, '"', 0, 'a', 0, '"', 0, ':', 0, '1', 0, '}', 0}))
                .hasMessage("not valid JSON");
        assertThatThrownBy(() -> codec.decode(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .hasMessage("not UTF-8");
    }
}
