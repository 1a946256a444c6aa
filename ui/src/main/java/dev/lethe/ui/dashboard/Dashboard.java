package dev.lethe.ui.dashboard;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures the dashboard shows, as {@link DashboardFigures} computed them.
 *
 * @param openByType open requests per type (types without any left out)
 * @param openByStatus open requests per status (statuses without any left out)
 * @param dueSoon open requests due within 7 days, not yet overdue
 * @param overdue open requests whose deadline has passed
 * @param weeks the last 12 weeks, oldest first, the current (partial) week last
 * @param medianDaysToClose the median days from receipt to close of requests closed in the last 90
 *     days, or null when none closed
 */
record Dashboard(
        Map<RequestType, Integer> openByType,
        Map<RequestStatus, Integer> openByStatus,
        int dueSoon,
        int overdue,
        List<Week> weeks,
        Double medianDaysToClose) {

    /** One week (starting Monday, UTC): requests received and requests closed in it. */
    record Week(LocalDate start, int received, int closed) {

        public String label() {
            return WEEK.format(start);
        }
    }

    /** How many open requests of a type or in a status. */
    record Count<E extends Enum<E>>(E key, int count) {}

    private static final java.time.format.DateTimeFormatter WEEK =
            java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

    Dashboard {
        openByType = Map.copyOf(openByType);
        openByStatus = Map.copyOf(openByStatus);
        weeks = List.copyOf(weeks);
    }

    /** All open requests. */
    public int open() {
        return openByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The open counts per type in the types' order, each type listed (zero or not). */
    public List<Count<RequestType>> types() {
        return java.util.Arrays.stream(RequestType.values())
                .map(type -> new Count<>(type, openByType.getOrDefault(type, 0)))
                .toList();
    }

    /** The open counts per open status, in the lifecycle's order; statuses without requests left out. */
    public List<Count<RequestStatus>> statuses() {
        return java.util.Arrays.stream(RequestStatus.values())
                .filter(openByStatus::containsKey)
                .map(status -> new Count<>(status, openByStatus.get(status)))
                .toList();
    }

    /** The median as the page prints it: one decimal, or a dash. */
    public String median() {
        return medianDaysToClose == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f", medianDaysToClose);
    }
}
