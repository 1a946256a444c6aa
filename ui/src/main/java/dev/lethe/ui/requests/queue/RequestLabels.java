package dev.lethe.ui.requests.queue;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the request pages word a request's type and status, colour its status badge and print its
 * dates (UTC, as deadlines are computed). Given to templates as {@code labels}.
 */
public final class RequestLabels {

    public static final RequestLabels INSTANCE = new RequestLabels();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private RequestLabels() {}

    /** {@code AWAITING_APPROVAL} → "Awaiting approval". */
    public String of(Enum<?> value) {
        String words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The badge's modifier class: done well, waiting on a person, or stopped. */
    public String badge(RequestStatus status) {
        return switch (status) {
            case COMPLETED -> "badge ok";
            case AWAITING_APPROVAL, IDENTITY_UNVERIFIED, ON_HOLD, COMPLETED_WITH_EXCEPTIONS -> "badge warn";
            case DENIED -> "badge bad";
            default -> "badge";
        };
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** An ISO date for {@code <time datetime>}. */
    public String isoDate(Instant instant) {
        return instant == null
                ? ""
                : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    public List<RequestType> types() {
        return List.of(RequestType.values());
    }

    public List<RequestStatus> statuses() {
        return List.of(RequestStatus.values());
    }
}
