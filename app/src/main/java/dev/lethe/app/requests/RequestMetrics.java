package dev.lethe.app.requests;

import dev.lethe.workflows.request.RequestClosings;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Requests in numbers, across tenants, without a tenant or anything of a request in a tag:
 * {@code lethe.requests.open} (gauge per {@code status} and {@code type}), {@code
 * lethe.requests.due_soon} (open and due within 7 days), {@code lethe.requests.overdue} (open and past
 * due), and {@code lethe.requests.time_to_close} (timer per {@code type} and {@code outcome}). The
 * gauges read one security-definer function ({@code lethe_request_counts}, counts only), at most every
 * {@link #MAX_AGE}, so a scrape costs one query.
 */
final class RequestMetrics implements RequestClosings {

    static final Duration DUE_SOON = Duration.ofDays(7);
    static final Duration MAX_AGE = Duration.ofSeconds(15);

    record Counts(Instant readAt, Map<String, Long> open, long dueSoon, long overdue) {}

    private final DSLContext dsl;
    private final MeterRegistry registry;
    private final Duration maxAge;
    private volatile Counts counts = new Counts(Instant.EPOCH, Map.of(), 0, 0);

    RequestMetrics(DSLContext dsl, MeterRegistry registry) {
        this(dsl, registry, MAX_AGE);
    }

    /** @param maxAge how long the counts are reused before the next read asks the database again */
    RequestMetrics(DSLContext dsl, MeterRegistry registry, Duration maxAge) {
        this.dsl = dsl;
        this.registry = registry;
        this.maxAge = maxAge;
        for (RequestStatus status : RequestStatus.values()) {
            if (status.closed()) {
                continue;
            }
            for (RequestType type : RequestType.values()) {
                String key = status + "/" + type;
                Gauge.builder(
                                "lethe.requests.open",
                                this,
                                metrics -> metrics.current().open().getOrDefault(key, 0L))
                        .description("Open data-subject requests")
                        .strongReference(true)
                        .tag("status", status.name())
                        .tag("type", type.name())
                        .register(registry);
            }
        }
        Gauge.builder(
                        "lethe.requests.due_soon",
                        this,
                        metrics -> metrics.current().dueSoon())
                .description("Open data-subject requests due within 7 days")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "lethe.requests.overdue",
                        this,
                        metrics -> metrics.current().overdue())
                .description("Open data-subject requests past their due date")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void closed(RequestType type, RequestStatus outcome, Duration open) {
        Timer.builder("lethe.requests.time_to_close")
                .description("From receipt to a final status")
                .tag("type", type.name())
                .tag("outcome", outcome.name())
                .register(registry)
                .record(open.isNegative() ? Duration.ZERO : open);
    }

    /** The counts, read again when older than the maximum age. */
    Counts current() {
        Counts last = counts;
        Instant now = Instant.now();
        if (Duration.between(last.readAt(), now).compareTo(maxAge) < 0) {
            return last;
        }
        try {
            Map<String, Long> open = new HashMap<>();
            long dueSoon = 0;
            long overdue = 0;
            for (Record row : dsl.fetch(
                    "select * from lethe_request_counts(cast(? as timestamptz), cast(? as interval))",
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toString(),
                    DUE_SOON.toString())) {
                open.put(row.get(0, String.class) + "/" + row.get(1, String.class), row.get(2, Long.class));
                dueSoon += row.get(3, Long.class);
                overdue += row.get(4, Long.class);
            }
            counts = new Counts(now, Map.copyOf(open), dueSoon, overdue);
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            // A scrape while the database is away shows the last counts; the health check reports the database.
            counts = new Counts(now, last.open(), last.dueSoon(), last.overdue());
        }
        return counts;
    }
}
