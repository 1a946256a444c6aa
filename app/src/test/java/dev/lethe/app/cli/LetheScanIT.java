package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lethe scan} as a user runs it: through the launcher, on stdin and on a file. */
class LetheScanIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    record Result(int exitCode, List<String> lines) {}

    @Test
    void scansJsonLinesFromStdinAndReportsABadLineByNumber() throws Exception {
        Result result = scan("""
                {"customer":{"email":"ana@example.com"}}
                {not json
                """, List.of());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(2);
        assertThat(result.lines().get(0))
                .startsWith(
                        "{\"line\":1,\"path\":\"$.customer.email\",\"type\":\"EMAIL_ADDRESS\",\"start\":0,\"end\":15,");
        assertThat(result.lines().get(1)).startsWith("{\"line\":2,\"error\":");
    }

    @Test
    void scansRawTextFromAFile() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "Card on file: 4111 1111 1111 1111, thanks\n");

        Result result = scan("", List.of("--text", file.toString()));

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines())
                .singleElement()
                .satisfies(line -> assertThat(line).contains("\"type\":\"CREDIT_CARD\",\"start\":14,\"end\":33"));
    }

    private Result scan(String stdin, List<String> args) throws Exception {
        var command =
                new java.util.ArrayList<>(List.of("bash", ROOT.resolve("lethe").toString(), "scan"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(
                process.exitValue(),
                out.lines().filter(line -> line.startsWith("{")).toList());
    }
}
