package dev.lethe.connectors.spi;

import java.util.List;

/** The outcome of {@link Connector#test}: each check in order, and whether all passed. */
public record TestResult(List<Check> checks) {

    /** One thing that was checked; the message says what is wrong without echoing secrets. */
    public record Check(String name, boolean passed, String message) {

        public static Check passed(String name) {
            return new Check(name, true, "ok");
        }

        public static Check failed(String name, String message) {
            return new Check(name, false, message);
        }
    }

    public TestResult {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a test checks at least one thing");
        }
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }
}
