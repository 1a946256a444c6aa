package dev.lethe.app.requests;

import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.RegulationDeadlines;
import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Data-subject requests: the deadlines per regulation ({@code lethe.requests.regulations.<NAME>.due},
 * {@code .extension}, {@code .reminders}), each an ISO-8601 period ({@code P1M}, {@code P45D}) or
 * duration ({@code PT30S}, for tests). GDPR, CCPA and LGPD have defaults (one month + two; 45 days +
 * 45; 15 days, no extension; reminders 7 days and 1 day ahead); a configured regulation replaces or adds
 * to them. Checked at start-up: a bad span names its property.
 */
@ConfigurationProperties("lethe.requests")
public record RequestsProperties(Map<String, Regulation> regulations) {

    /**
     * @param due how long after receipt a request is due (required)
     * @param extension how much the one extension adds (empty or {@code P0D}: none)
     * @param reminders lead times before the due date at which officers are reminded
     */
    public record Regulation(String due, String extension, List<String> reminders) {}

    public RequestsProperties {
        regulations = regulations == null ? Map.of() : Map.copyOf(regulations);
        deadlines(regulations);
    }

    /** The deadlines: the defaults, with the configured regulations over them. */
    public Deadlines deadlines() {
        return deadlines(regulations);
    }

    private static Deadlines deadlines(Map<String, Regulation> configured) {
        Map<String, RegulationDeadlines> all = new LinkedHashMap<>(Deadlines.DEFAULTS.regulations());
        configured.forEach((name, regulation) -> {
            String key = name.strip().toUpperCase(Locale.ROOT);
            String property = "lethe.requests.regulations." + name;
            if (!key.matches("[A-Z][A-Z0-9_]{0,31}")) {
                throw new IllegalArgumentException(property + ": a regulation's name is letters, digits and '_'");
            }
            RegulationDeadlines defaults = all.get(key);
            try {
                TemporalAmount due = regulation.due() != null
                        ? RegulationDeadlines.span(regulation.due())
                        : required(defaults, property + ".due").due();
                TemporalAmount extension = regulation.extension() != null
                                && !regulation.extension().isBlank()
                        ? RegulationDeadlines.span(regulation.extension())
                        : defaults == null ? java.time.Period.ZERO : defaults.extension();
                List<Duration> reminders = regulation.reminders() != null
                        ? regulation.reminders().stream()
                                .map(RequestsProperties::lead)
                                .toList()
                        : defaults == null ? List.of() : defaults.reminders();
                all.put(key, new RegulationDeadlines(key, due, extension, reminders));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        });
        return new Deadlines(all);
    }

    private static RegulationDeadlines required(RegulationDeadlines defaults, String property) {
        if (defaults == null) {
            throw new IllegalArgumentException(property + " is required");
        }
        return defaults;
    }

    /** A reminder's lead time: a duration, or a period of days ({@code P7D}). */
    private static Duration lead(String text) {
        TemporalAmount span = RegulationDeadlines.span(text);
        if (span instanceof Duration duration) {
            return duration;
        }
        java.time.Period period = (java.time.Period) span;
        if (period.getMonths() != 0 || period.getYears() != 0) {
            throw new IllegalArgumentException("a reminder's lead time is in days or less: " + text);
        }
        return Duration.ofDays(period.getDays());
    }
}
