package dev.lethe.classifier.cli;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.InvalidInputException;
import dev.lethe.classifier.PiiClassifier;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lethe scan [--text] [--region CC] [FILE]}: reads lines from FILE or standard input and prints
 * one JSON object per finding. By default each line is a JSON value (objects and arrays are records, a
 * string is free text); with {@code --text} each line is raw text. A bad line prints
 * {@code {"line":N,"error":"..."}} and scanning goes on; the exit code is 1 if any line failed, 2 for
 * wrong usage or an unreadable file, 0 otherwise. Values are never printed, only where they are.
 */
public final class ScanCli {

    /** Lines longer than this (in bytes of UTF-8) are rejected. */
    static final int MAX_LINE_BYTES = 1 << 20;

    static final String USAGE = """
            Usage: lethe scan [--text] [--region CC] [--min-score S] [FILE]
            Finds personal data in FILE (or standard input), one input per line.
              --text          each line is raw text (default: each line is one JSON value)
              --region CC     region for phone numbers written without +country (ISO 3166, e.g. DE)
              --min-score S   drop findings scoring below S (0..1, default 0.5)
            Prints one JSON object per finding: line, path (records), type, start, end, score, category,
            evidence. A bad line prints {"line":N,"error":"..."}; the exit code is then 1.
            """;

    private ScanCli() {}

    public static void main(String[] args) {
        // buffered UTF-8 output: one line per finding would otherwise mean one write per finding
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        int exit = run(args, System.in, out, System.err);
        out.flush();
        System.exit(exit);
    }

    /** Runs the command; returns the exit code. Never calls {@code System.exit}. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ScanOptions options;
        try {
            options = ScanOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lethe scan: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        PiiClassifier classifier = PiiClassifier.builder()
                .defaultRegion(options.region())
                .minScore(options.minScore())
                .build();
        try (InputStream input = options.file() == null ? in : Files.newInputStream(Path.of(options.file()))) {
            return scan(classifier, options.text(), new LineReader(input, MAX_LINE_BYTES), out) ? 0 : 1;
        } catch (NoSuchFileException e) {
            err.println("lethe scan: no such file: " + options.file());
            return 2;
        } catch (IOException e) {
            err.println("lethe scan: cannot read input: " + e.getClass().getSimpleName());
            return 2;
        }
    }

    /** Scans every line; returns whether all lines could be scanned. Package-private for ScanCliFuzzTest. */
    static boolean scan(PiiClassifier classifier, boolean text, LineReader lines, PrintStream out) throws IOException {
        boolean allOk = true;
        StringBuilder sb = new StringBuilder(256);
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            sb.setLength(0);
            if (line.error() != null) {
                FindingJson.error(sb, line.number(), line.error());
                allOk = false;
            } else if (!line.text().isBlank()) {
                try {
                    List<Finding> findings = text ? classifier.scanText(line.text()) : classifier.scanJson(line.text());
                    for (Finding f : findings) {
                        FindingJson.append(sb, line.number(), f);
                    }
                } catch (InvalidInputException e) {
                    FindingJson.error(sb, line.number(), e.getMessage());
                    allOk = false;
                }
            }
            out.print(sb);
        }
        out.flush();
        return allOk;
    }
}
