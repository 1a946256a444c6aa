package dev.lethe.ingest;

/**
 * Bytes as a UTF-8 reader sees them — each maximal ill-formed subsequence replaced by one U+FFFD, exactly as
 * {@code new String(bytes, UTF_8)} does (Unicode's recommended practice, but a surrogate's bytes as one) — with the byte offset at which each
 * character begins, so that what is found in the text can be replaced in the bytes exactly where it stands,
 * whatever its letters. Decoded here rather than by a {@code CharsetDecoder}, which does not say where each
 * character began.
 */
final class Utf8View {

    private static final char REPLACEMENT = '\uFFFD';

    private final String text;
    private final int[] byteOffsets;

    private Utf8View(String text, int[] byteOffsets) {
        this.text = text;
        this.byteOffsets = byteOffsets;
    }

    static Utf8View of(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        int[] offsets = new int[bytes.length + 1];
        int i = 0;
        while (i < bytes.length) {
            int start = i;
            int lead = bytes[i++] & 0xFF;
            int codePoint = lead;
            if (lead >= 0x80) {
                int following = following(lead);
                codePoint = following == 0 ? -1 : lead & (0x3F >> following);
                for (int k = 0; k < following; k++) {
                    int next = i < bytes.length ? bytes[i] & 0xFF : -1;
                    int low = k == 0 ? secondLow(lead) : 0x80;
                    int high = k == 0 ? secondHigh(lead) : 0xBF;
                    if (next < low || next > high) {
                        codePoint = -1; // the bytes so far are one maximal ill-formed subpart
                        break;
                    }
                    codePoint = codePoint << 6 | next & 0x3F;
                    i++;
                }
            }
            // A surrogate's three bytes (ED A0..BF ..) are one ill-formed subsequence to Java, not two or three.
            if (codePoint < 0 || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                offsets[text.length()] = start;
                text.append(REPLACEMENT);
            } else {
                for (char c : Character.toChars(codePoint)) {
                    offsets[text.length()] = start;
                    text.append(c);
                }
            }
        }
        offsets[text.length()] = bytes.length;
        return new Utf8View(text.toString(), offsets);
    }

    /** How many continuation bytes a lead byte announces; 0 for a byte that cannot lead. */
    private static int following(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return 0;
    }

    /** The second byte's range excludes overlong forms and code points beyond U+10FFFF. */
    private static int secondLow(int lead) {
        return lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    }

    private static int secondHigh(int lead) {
        return lead == 0xF4 ? 0x8F : 0xBF;
    }

    String text() {
        return text;
    }

    /** The byte offset of character {@code index} of {@link #text()}; its length gives the bytes' length. */
    int byteOffset(int index) {
        return byteOffsets[index];
    }
}
