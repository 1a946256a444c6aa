package dev.lethe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests with a seeded generator: random and malformed input never makes a scan throw anything but
 * {@link InvalidInputException} (for JSON), findings always lie within the input, and nesting beyond the
 * limit is always rejected. No clock: whether adversarial inputs scan in linear time is {@code
 * AdversarialInputIT}'s question.
 */
class FuzzTest {

    private static final long SEED = 4242L;
    private static final String ALPHABET = "0123456789 -./:@+()_=,;'\"{}[]\\\nabcxyzAKIAEYJDEFRSTüßé€\u0000\u2028";
    private static final List<String> PIECES = List.of(
            "4111 1111 1111 1111",
            "DE89 3704 0044 0532 0130 00",
            "a@b.example",
            "+49 30 1234567",
            "192.168.0.1",
            "fe80::1",
            "eyJhbGciOi",
            "-----BEGIN PRIVATE KEY-----",
            "https://u:p@h/",
            "Mr. ",
            "Hans Müller",
            "12.03.1985",
            "born",
            "IBAN",
            "{\"email\":",
            "[",
            "]",
            "\"",
            "\\u12",
            "\\",
            "0x",
            "bc1q",
            "AKIA",
            "Hauptstraße 5",
            "password: ");

    private final PiiClassifier classifier =
            PiiClassifier.builder().defaultRegion("FR").build();

    @Test
    void randomInputNeverEscapesAsAnException() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3_000; i++) {
            String input = random.nextBoolean()
                    ? randomChars(random, random.nextInt(400))
                    : pieces(random, random.nextInt(30));
            List<Finding> text = scanText(input);
            for (Finding f : text) {
                assertThat(f.end()).isLessThanOrEqualTo(input.length());
            }
            try {
                classifier.scanJson(input);
            } catch (InvalidInputException expected) {
                assertThat(expected.getMessage()).doesNotContain("@").doesNotContain("4111");
            } catch (RuntimeException e) {
                fail("scanJson threw " + e + " for input #" + i, e);
            }
        }
    }

    @Test
    void mutatedRecordsNeverEscapeAsAnException() {
        Random random = new Random(SEED + 1);
        String record =
                "{\"customer\":{\"name\":\"Anna Schmidt\",\"email\":\"anna@example.org\",\"phones\":[\"+49 30 1234567\"],"
                        + "\"iban\":\"DE89370400440532013000\",\"health\":{\"diagnosis\":\"asthma\"}},\"note\":\"call me\",\"n\":-1.5e3}";
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder(record);
            for (int m = 0; m < 1 + random.nextInt(4) && sb.length() > 0; m++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> sb.setLength(at);
                }
            }
            String input = sb.toString();
            assertThatCode(() -> {
                        try {
                            classifier.scanJson(input);
                        } catch (InvalidInputException expected) {
                            // malformed JSON is reported, not thrown as anything else
                        }
                    })
                    .as("mutation #%d", i)
                    .doesNotThrowAnyException();
        }
    }

    /** Inputs built to trigger backtracking or quadratic searches; {@code AdversarialInputIT} times them. */
    static final List<String> ADVERSARIAL_PATTERNS = List.of(
            "1 ",
            "1-",
            "1.",
            "a@",
            "@a.",
            "a:",
            "::",
            "eyJ",
            "eyJa.",
            "x=",
            "-----BEGIN ",
            "-----BEGIN PRIVATE KEY-----",
            "Mr. ",
            "Anna ",
            "12 rue ",
            "Via ",
            "AB 12 ",
            "DE89 ",
            "0x",
            "http://a@",
            "9",
            "a",
            " ",
            "\"",
            "{\"a\":",
            "password: ",
            "+",
            "(",
            "0.00001, ");

    /** Correctness only: how long they take is checked by {@code AdversarialInputIT}, not by a unit test. */
    @Test
    void adversarialInputsAreScannedWithFindingsInsideTheInput() {
        for (String pattern : ADVERSARIAL_PATTERNS) {
            String input = pattern.repeat(20_000 / pattern.length());
            for (Finding f : scanText(input)) {
                assertThat(f.end()).as("pattern '%s'", pattern).isLessThanOrEqualTo(input.length());
            }
            try {
                classifier.scanJson(input);
            } catch (InvalidInputException expected) {
                // most of these are not JSON
            }
        }
    }

    @Test
    void objectsNestedDeeperThanTheLimitAreRejectedWithTheLimitNamed() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        String justTooDeep = "{\"a\":".repeat(PiiClassifier.DEFAULT_MAX_DEPTH + 1) + "\"anna@example.org\""
                + "}".repeat(PiiClassifier.DEFAULT_MAX_DEPTH + 1);

        assertThatThrownBy(() -> classifier.scanJson(deep))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("nesting deeper than 64 at offset");
        assertThatThrownBy(() -> classifier.scanJson(justTooDeep))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("nesting deeper than 64")
                .hasMessageNotContaining("anna");
    }

    @Test
    void arraysAndParsedRecordsNestedDeeperThanTheLimitAreRejectedToo() {
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        Object deepRecord = "anna@example.org";
        for (int i = 0; i < 10_000; i++) {
            deepRecord = i % 2 == 0 ? java.util.Map.of("a", deepRecord) : List.of(deepRecord);
        }
        Object record = deepRecord;

        assertThatThrownBy(() -> classifier.scanJson(deepArrays))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("nesting deeper than 64");
        assertThatThrownBy(() -> classifier.scanRecord(record))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("nesting deeper than 64");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String atTheLimit = "{\"a\":".repeat(PiiClassifier.DEFAULT_MAX_DEPTH) + "\"anna@example.org\""
                + "}".repeat(PiiClassifier.DEFAULT_MAX_DEPTH);

        assertThat(classifier.scanJson(atTheLimit)).extracting(Finding::type).containsExactly(PiiType.EMAIL_ADDRESS);
    }

    private List<Finding> scanText(String input) {
        try {
            return classifier.scanText(input);
        } catch (RuntimeException e) {
            throw new AssertionError("scanText threw " + e.getClass().getName(), e);
        }
    }

    private static String randomChars(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(
                    random.nextInt(10) == 0
                            ? (char) random.nextInt(0x3000)
                            : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String pieces(Random random, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(PIECES.get(random.nextInt(PIECES.size())));
            if (random.nextBoolean()) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }
}
