package dev.lethe.classifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCliTest {

    private record Result(int exit, List<String> out, String err) {}

    private static Result run(String input, String... args) {
        return run(input.getBytes(StandardCharsets.UTF_8), args);
    }

    private static Result run(byte[] input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ScanCli.run(
                args,
                new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        return new Result(
                exit,
                printed.isEmpty() ? List.of() : List.of(printed.split("\n")),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneObjectPerFindingWithLinePathAndSpan() {
        Result r = run("{\"customer\":{\"email\":\"anna.schmidt@mail.de\"}}\n");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .singleElement()
                .asString()
                .startsWith(
                        "{\"line\":1,\"path\":\"$.customer.email\",\"type\":\"EMAIL_ADDRESS\",\"start\":0,\"end\":20,\"score\":");
    }

    @Test
    void jsonStringLinesAreFreeTextWithoutPath() {
        Result r = run("\"call +49 30 1234567\"\n[\"x\"]\n");
        assertThat(r.out())
                .singleElement()
                .asString()
                .startsWith("{\"line\":1,\"type\":\"PHONE_NUMBER\",\"start\":5,\"end\":19,");
    }

    @Test
    void textModeScansRawLines() {
        Result r = run("nothing here\r\nIBAN DE89 3704 0044 0532 0130 00\n", "--text");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .singleElement()
                .asString()
                .contains("\"line\":2")
                .contains("\"type\":\"IBAN\"")
                .contains("\"start\":5,\"end\":32");
    }

    @Test
    void badLinesReportTheirNumberAndScanningGoesOnButTheExitCodeFails() {
        String deep = "[".repeat(65) + "]".repeat(65);
        Result r = run("{\"email\":\"a@b.example\"}\n{\"email\": \"secret@x.example\"\n" + deep + "\n"
                + "{\"iban\":\"DE89370400440532013000\"}\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).hasSize(4);
        assertThat(r.out().get(0)).contains("\"line\":1");
        assertThat(r.out().get(1))
                .startsWith("{\"line\":2,\"error\":\"invalid JSON")
                .doesNotContain("secret");
        assertThat(r.out().get(2)).startsWith("{\"line\":3,\"error\":\"nesting deeper than 64");
        assertThat(r.out().get(3)).contains("\"line\":4").contains("IBAN");
    }

    @Test
    void linesOverOneMebibyteAreRejectedAndTheNextLineIsScanned() {
        String huge = "\"" + "a".repeat(ScanCli.MAX_LINE_BYTES) + "\"";
        Result r = run(huge + "\n{\"email\":\"a@b.example\"}\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).hasSize(2);
        assertThat(r.out().get(0)).isEqualTo("{\"line\":1,\"error\":\"line longer than 1024 KiB\"}");
        assertThat(r.out().get(1)).contains("\"line\":2").contains("EMAIL_ADDRESS");
    }

    @Test
    void aLineOfExactlyOneMebibyteIsAccepted() {
        String json = "\"" + "a".repeat(ScanCli.MAX_LINE_BYTES - 2) + "\"";
        assertThat(run(json + "\n").exit()).isZero();
    }

    @Test
    void invalidUtf8IsAnErrorOfItsLine() {
        byte[] input = {'"', (byte) 0xC3, (byte) 0x28, '"', '\n'};
        Result r = run(input);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsExactly("{\"line\":1,\"error\":\"invalid UTF-8\"}");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("records.jsonl");
        Files.writeString(file, "{\"name\":\"Anna Schmidt\"}\n");
        Result r = run("", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).singleElement().asString().contains("PERSON_NAME");
        assertThat(run("", dir.resolve("missing").toString()).exit()).isEqualTo(2);
    }

    @Test
    void wrongUsageExitsWithTwo() {
        Result r = run("", "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option").contains("Usage");
        assertThat(run("", "--help").exit()).isZero();
    }
}
