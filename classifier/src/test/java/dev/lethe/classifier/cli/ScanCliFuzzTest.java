package dev.lethe.classifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lethe.classifier.PiiClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes what {@code lethe scan} reads: lines of JSON (or raw text with {@code --text}) as bytes, with
 * a short line limit so the too-long path is reached too (docs/security.md#fuzzing). Properties: the
 * scan never throws; every line it prints is one JSON object; line numbers are increasing and name a
 * line of the input; a finding's span lies within its line; an error names one of the fixed reasons or
 * the classifier's limit and never quotes the input (a marker put into the input never appears in an
 * error); the result says "all lines scanned" exactly when no error was printed.
 */
class ScanCliFuzzTest {

    /** Never in a message of the code under test. */
    static final String CANARY = "zqxj7";

    private static final int MAX_LINE_BYTES = 256;
    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REASON = Pattern.compile("invalid UTF-8|line longer than \\d+ KiB"
            + "|nesting deeper than \\d+( at offset \\d+)?|invalid JSON at offset \\d+: [A-Za-z ,'{}\\[\\]:-]+");

    static Stream<Arguments> linesAreScannedAndReportedCleanly() {
        return Stream.of(
                arguments(false, 5, utf8("{\"email\":\"ana.lopez@example.com\",\"card\":\"4111 1111 1111 1111\"}\n")),
                arguments(false, 0, utf8("[\"+49 30 1234567\", {\"a\": [1, 2.5e3, null]}]\r\n\n\"free text\"\n{bad")),
                arguments(
                        true,
                        3,
                        utf8("Call Ana Lopez at ana@example.org or +44 20 7946 0958\nIBAN DE89370400440532013000")),
                arguments(false, 1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n', '[', '[', '\n'}));
    }

    @MethodSource
    @FuzzTest
    void linesAreScannedAndReportedCleanly(boolean text, int canaryAt, byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        int at = Math.floorMod(canaryAt, input.length + 1);
        var marked = new ByteArrayOutputStream();
        marked.write(input, 0, at);
        marked.write(utf8(CANARY));
        marked.write(input, at, input.length - at);
        byte[] bytes = marked.toByteArray();

        var printed = new ByteArrayOutputStream();
        boolean allScanned;
        try (var out = new PrintStream(printed, false, StandardCharsets.UTF_8)) {
            allScanned = ScanCli.scan(
                    CLASSIFIER, text, new LineReader(new ByteArrayInputStream(bytes), MAX_LINE_BYTES), out);
        }

        String[] inputLines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        int lines = bytes.length == 0 ? 0 : bytes[bytes.length - 1] == '\n' ? inputLines.length - 1 : inputLines.length;
        int lastLine = 0;
        boolean anyError = false;
        String output = printed.toString(StandardCharsets.UTF_8);
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode object = JSON.readTree(line);
            assertThat(object.isObject())
                    .as("one JSON object per line: %s", line)
                    .isTrue();
            int number = object.get("line").asInt();
            assertThat(number).isBetween(Math.max(1, lastLine), lines);
            lastLine = number;
            if (object.has("error")) {
                anyError = true;
                assertThat(object.get("error").asString()).matches(REASON).doesNotContain(CANARY);
            } else {
                int start = object.get("start").asInt();
                int end = object.get("end").asInt();
                assertThat(start).isBetween(0, end);
                assertThat(end).isLessThanOrEqualTo(MAX_LINE_BYTES);
                assertThat(object.get("score").asDouble()).isBetween(0.0, 1.0);
                assertThat(object.get("category").asString()).isNotBlank();
                if (!text && object.has("path")) {
                    assertThat(object.get("path").asString()).startsWith("$");
                }
            }
        }
        assertThat(allScanned).isEqualTo(!anyError);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
