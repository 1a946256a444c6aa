package dev.lethe.workflows.request;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Objects;

/**
 * One regulation's deadlines: how long after receipt a request must be answered, by how much it may be
 * extended (once; zero: not at all), and how long before the due date to remind the officers. Spans
 * are ISO-8601 periods ({@code P1M}: a calendar month, so a request received on 31 January is due on
 * 28 or 29 February, as Art. 12(3) GDPR counts) or durations ({@code PT30S}, for tests).
 */
public record RegulationDeadlines(
        String regulation, TemporalAmount due, TemporalAmount extension, List<Duration> reminders) {

    public RegulationDeadlines {
        Objects.requireNonNull(regulation, "regulation");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(extension, "extension");
        reminders = List.copyOf(reminders);
        if (!positive(due)) {
            throw new IllegalArgumentException("the due span of " + regulation + " must be positive");
        }
        if (negative(extension)) {
            throw new IllegalArgumentException("the extension of " + regulation + " must not be negative");
        }
        if (reminders.stream().anyMatch(lead -> lead.isNegative() || lead.isZero())) {
            throw new IllegalArgumentException("reminders of " + regulation + " are positive lead times");
        }
    }

    /** When a request received at {@code receivedAt} is due. */
    public Instant dueAt(Instant receivedAt) {
        return plus(receivedAt, due);
    }

    /** The due date after the one extension. */
    public Instant extendedDueAt(Instant dueAt) {
        return plus(dueAt, extension);
    }

    /** Whether the regulation allows an extension at all. */
    public boolean extendable() {
        return positive(extension);
    }

    /** A span as configured: a period ({@code P1M}, {@code P45D}) or a duration ({@code PT10S}). */
    public static TemporalAmount span(String text) {
        String value = Objects.requireNonNull(text, "span").strip().toUpperCase(java.util.Locale.ROOT);
        try {
            return value.contains("T") ? Duration.parse(value) : Period.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period or duration", e);
        }
    }

    private static Instant plus(Instant instant, TemporalAmount amount) {
        return instant.atZone(ZoneOffset.UTC).plus(amount).toInstant();
    }

    private static boolean positive(TemporalAmount amount) {
        Instant origin = Instant.EPOCH;
        return plus(origin, amount).isAfter(origin);
    }

    private static boolean negative(TemporalAmount amount) {
        Instant origin = Instant.EPOCH;
        return plus(origin, amount).isBefore(origin);
    }
}
