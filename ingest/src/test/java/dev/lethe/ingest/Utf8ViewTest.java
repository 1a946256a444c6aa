package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ViewTest {

    @Test
    void eachCharacterKnowsTheBytesItCameFrom() {
        // "a", "ľ" (2 bytes), a malformed byte, "€" (3 bytes), "😀" (4 bytes, two chars), "z"
        byte[] bytes = {
            'a',
            (byte) 0xC4,
            (byte) 0xBE,
            (byte) 0xFF,
            (byte) 0xE2,
            (byte) 0x82,
            (byte) 0xAC,
            (byte) 0xF0,
            (byte) 0x9F,
            (byte) 0x98,
            (byte) 0x80,
            'z'
        };

        Utf8View view = Utf8View.of(bytes);

        assertThat(view.text()).isEqualTo("a\u013e\uFFFD\u20ac\uD83D\uDE00z");
        int[] offsets = new int[view.text().length() + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = view.byteOffset(i);
        }
        assertThat(offsets).containsExactly(0, 1, 3, 4, 7, 7, 11, 12);
    }

    @Test
    void readsAnyBytesAsAUtf8StringDoesAndEverySpanMapsToTheBytesThatDecodeToIt() {
        Random random = new Random(621);
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);

            Utf8View view = Utf8View.of(bytes);

            assertThat(view.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
            String text = view.text();
            for (int start = 0; start < text.length(); start++) {
                if (Character.isLowSurrogate(text.charAt(start)) || text.charAt(start) == '\uFFFD') {
                    continue;
                }
                int end = start + 1;
                while (end < text.length() && text.charAt(end) != '\uFFFD') {
                    end++;
                }
                byte[] slice = Arrays.copyOfRange(bytes, view.byteOffset(start), view.byteOffset(end));
                assertThat(new String(slice, StandardCharsets.UTF_8)).isEqualTo(text.substring(start, end));
            }
        }
    }
}
