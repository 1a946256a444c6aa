package dev.lethe.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * UTF-8 JSON objects, read within explicit limits ({@link #LIMITS}): a record beyond them is
 * unprocessable, so the stream worker sends it to the dead-letter topic instead of losing it or
 * stalling on it. The nesting limit is above the classifier's (64), which refuses deeper records with
 * its own, more precise reason.
 */
public final class JsonCodec implements RecordCodec {

    public static final JsonCodec INSTANCE = new JsonCodec();

    /** Nesting 256, numbers of 1,000 digits, strings of 5,000,000 characters, names of 10,000, 32 MB a record. */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(256)
            .maxNumberLength(1_000)
            .maxStringLength(5_000_000)
            .maxNameLength(10_000)
            .maxDocumentLength(32_000_000)
            .build();

    /**
     * Numbers are kept exactly as written (BigDecimal, trailing zeros included): read as doubles, a
     * record's {@code 7e999999} came out as the string {@code "Infinity"} and long decimals rounded,
     * changing data that only passes through (found by JsonRecordFuzzTest).
     */
    private static final JsonMapper JSON = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonCodec() {}

    @Override
    public JsonNode decode(byte[] value) {
        if (value == null) {
            throw new UnprocessableRecordException("no value");
        }
        JsonNode root;
        try {
            // Plain ASCII is UTF-8 already: Jackson reads the bytes, without a checked decode into a copy.
            root = isPrintableAscii(value) ? JSON.readTree(value) : JSON.readTree(utf8(value));
        } catch (StreamConstraintsException e) {
            throw new UnprocessableRecordException("JSON nested deeper or larger than the reader accepts");
        } catch (JacksonException e) {
            throw new UnprocessableRecordException("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new UnprocessableRecordException("not a JSON object");
        }
        return root;
    }

    @Override
    public byte[] encode(JsonNode tree) {
        return JSON.writeValueAsBytes(tree);
    }

    /**
     * Whether every byte is ASCII and none is NUL: NUL would let Jackson guess UTF-16 or UTF-32 from the
     * bytes, where the decoded text is read as UTF-8 only (such a record is not JSON either way, and keeps
     * the reason the checked path gives).
     */
    private static boolean isPrintableAscii(byte[] value) {
        for (byte b : value) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The text of UTF-8 bytes, or null when they are not UTF-8. */
    static String utf8OrNull(byte[] bytes) {
        try {
            return utf8(bytes);
        } catch (UnprocessableRecordException e) {
            return null;
        }
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnprocessableRecordException("not UTF-8");
        }
    }
}
