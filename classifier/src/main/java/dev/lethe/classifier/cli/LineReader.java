package dev.lethe.classifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines of UTF-8 with a hard limit per line: a longer line is skipped to its end
 * without being kept in memory, and reported as too long.
 */
final class LineReader {

    /** One line: its text, or why it cannot be read. */
    record Line(int number, String text, String error) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[65_536];
    private int chunkLength;
    private int chunkPos;
    private byte[] line = new byte[1024];
    private int number;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of input. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            int b = read();
            if (b < 0) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (b == '\n') {
                break;
            }
            if (length >= maxBytes) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
            }
            line[length++] = (byte) b;
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "line longer than " + (maxBytes / 1024) + " KiB");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return decode(length);
    }

    private Line decode(int length) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "invalid UTF-8");
        }
    }

    private int read() throws IOException {
        if (chunkPos == chunkLength) {
            chunkLength = in.read(chunk);
            chunkPos = 0;
            if (chunkLength <= 0) {
                chunkLength = 0;
                return -1;
            }
        }
        return chunk[chunkPos++] & 0xff;
    }
}
