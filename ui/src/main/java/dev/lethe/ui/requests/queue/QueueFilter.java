package dev.lethe.ui.requests.queue;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the queue shows, as its GET query parameters say: type, status ({@code open} by default,
 * {@code all}, or one status), due ({@code overdue}, {@code soon}: within 7 days), a reference (the
 * request id or its first characters; never the subject's identity, which must not appear in a URL),
 * the order and the page. A value the page does not know is dropped and named in {@link #problems()}.
 */
record QueueFilter(
        RequestType type,
        RequestStatus status,
        boolean all,
        Due due,
        String reference,
        Sort sort,
        int page,
        int size,
        List<String> problems) {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 100;

    /** Hex digits and dashes of a UUID: what a reference may hold. */
    private static final Pattern REFERENCE = Pattern.compile("[0-9a-f-]{1,36}");

    enum Due {
        OVERDUE,
        SOON
    }

    enum Sort {
        /** Soonest due first: the requests whose deadline is nearest (or passed) on top. */
        DAYS_LEFT,
        /** Most recently received first. */
        RECEIVED
    }

    QueueFilter {
        problems = List.copyOf(problems);
    }

    static QueueFilter of(String type, String status, String due, String reference, String sort, int page, int size) {
        List<String> problems = new ArrayList<>();
        String statusValue = blankToNull(status);
        boolean all = "all".equalsIgnoreCase(statusValue);
        RequestStatus parsedStatus = all || statusValue == null || "open".equalsIgnoreCase(statusValue)
                ? null
                : parse(RequestStatus.class, statusValue, "status", problems);
        String ref = blankToNull(reference);
        if (ref != null) {
            ref = ref.toLowerCase(Locale.ROOT);
            if (!REFERENCE.matcher(ref).matches()) {
                problems.add("Search by a request's reference: its id or the first characters of it.");
                ref = null;
            }
        }
        return new QueueFilter(
                parse(RequestType.class, blankToNull(type), "type", problems),
                parsedStatus,
                all,
                parse(Due.class, blankToNull(due), "due", problems),
                ref,
                sort == null || sort.isBlank() ? Sort.DAYS_LEFT : parseSort(sort, problems),
                Math.max(page, 1),
                Math.min(Math.max(size, 1), MAX_SIZE),
                problems);
    }

    /** Open requests only: no status chosen and not {@code all}. A due filter also means open. */
    public boolean openOnly() {
        return status == null && (!all || due != null);
    }

    /** The query parameter's value for the status select. */
    public String statusValue() {
        return status != null ? status.name() : all ? "all" : "open";
    }

    public String dueValue() {
        return due == null ? "" : due.name().toLowerCase(Locale.ROOT);
    }

    public String sortValue() {
        return sort == Sort.RECEIVED ? "received" : "days-left";
    }

    /** The queue's address with these filters, at {@code page}. */
    public String url(int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/requests");
        if (type != null) {
            uri.queryParam("type", type.name());
        }
        if (status != null || all) {
            uri.queryParam("status", statusValue());
        }
        if (due != null) {
            uri.queryParam("due", dueValue());
        }
        if (reference != null) {
            uri.queryParam("q", reference);
        }
        if (sort != Sort.DAYS_LEFT) {
            uri.queryParam("sort", sortValue());
        }
        if (size != DEFAULT_SIZE) {
            uri.queryParam("size", size);
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.build().encode().toUriString();
    }

    private static Sort parseSort(String value, List<String> problems) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "days-left", "days_left", "due" -> Sort.DAYS_LEFT;
            case "received" -> Sort.RECEIVED;
            default -> {
                problems.add("Sort by days left or by received.");
                yield Sort.DAYS_LEFT;
            }
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add("That " + name + " is not one Lethe knows; the filter was left out.");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
