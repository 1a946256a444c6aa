package dev.lethe.workflows.request;

import dev.lethe.catalog.change.InvalidInputException;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deadlines of every regulation Lethe knows (configured under {@code lethe.requests.regulations});
 * a request under another regulation is refused.
 */
public record Deadlines(Map<String, RegulationDeadlines> regulations) {

    /** GDPR one month + two (Art. 12(3)), CCPA 45 days + 45, LGPD 15 days; reminders 7 and 1 day ahead. */
    public static final Deadlines DEFAULTS = new Deadlines(Map.of(
            "GDPR", new RegulationDeadlines("GDPR", Period.ofMonths(1), Period.ofMonths(2), defaultReminders()),
            "CCPA", new RegulationDeadlines("CCPA", Period.ofDays(45), Period.ofDays(45), defaultReminders()),
            "LGPD", new RegulationDeadlines("LGPD", Period.ofDays(15), Period.ZERO, defaultReminders())));

    public Deadlines {
        regulations = Map.copyOf(new TreeMap<>(regulations));
        if (regulations.isEmpty()) {
            throw new IllegalArgumentException("at least one regulation needs deadlines");
        }
    }

    /** The regulation's deadlines; @throws InvalidInputException for a regulation not configured */
    public RegulationDeadlines of(String regulation) {
        String name = regulation == null ? "" : regulation.strip().toUpperCase(Locale.ROOT);
        RegulationDeadlines deadlines = regulations.get(name);
        if (deadlines == null) {
            throw new InvalidInputException("regulation must be one of " + new TreeMap<>(regulations).keySet());
        }
        return deadlines;
    }

    private static List<Duration> defaultReminders() {
        return List.of(Duration.ofDays(7), Duration.ofDays(1));
    }
}
