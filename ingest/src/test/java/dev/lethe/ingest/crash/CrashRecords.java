package dev.lethe.ingest.crash;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test's input: record {@code seq} (its unique id, a JSON number, which protection never
 * touches) belongs to one of {@link #SUBJECTS} customers and carries an e-mail address of its own,
 * a name and a phone number.
 */
final class CrashRecords {

    static final int SUBJECTS = 500;

    /** Every generated address has this shape, so one search finds any that got through. */
    static final Pattern ORIGINAL_EMAIL = Pattern.compile("buyer\\d+\\.crash@example\\.com");

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final String[] NAMES = {"Ana Lopez", "Bruno Meyer", "Chloé Martin", "Dmitri Ivanov", "Eva Novak"};

    private CrashRecords() {}

    static String subject(int seq) {
        return "cust-" + (seq % SUBJECTS);
    }

    static String email(int seq) {
        return "buyer" + seq + ".crash@example.com";
    }

    static byte[] key(int seq) {
        return ("SO-" + seq).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int seq) {
        return ("{\"seq\":" + seq + ",\"order\":\"SO-" + seq + "\",\"amount\":" + (seq % 997) / 10.0
                        + ",\"customer\":{\"id\":\"" + subject(seq) + "\",\"name\":\"" + NAMES[seq % NAMES.length]
                        + "\",\"email\":\"" + email(seq) + "\",\"phone\":\"+49 30 " + (2_000_000 + seq % 7_000_000)
                        + "\"},\"note\":\"Leave the parcel at the back door\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The unique id of a published record, or -1 when it has none. */
    static int seqOf(String value) {
        Matcher matcher = SEQ.matcher(value);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
