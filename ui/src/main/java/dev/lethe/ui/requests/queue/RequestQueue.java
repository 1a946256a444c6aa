package dev.lethe.ui.requests.queue;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The request queue's rows: one page of the tenant's requests as a {@link QueueFilter} selects and
 * orders them, and how many there are in all. Reads the {@code request} table directly (row-level
 * security applies: the caller's tenant is the connection's), without the sealed subject. Thread-safe.
 */
@Component
class RequestQueue {

    /** The requests a due filter counts: those that are still open. */
    static final List<String> OPEN = Arrays.stream(RequestStatus.values())
            .filter(s -> !s.closed())
            .map(Enum::name)
            .toList();

    /** Within this of now a request is "due soon". */
    static final Duration SOON = Duration.ofDays(7);

    /** One request as a row of the queue; {@code daysLeft} is negative once overdue. */
    record Row(
            UUID id,
            RequestType type,
            RequestStatus status,
            Instant receivedAt,
            Instant dueAt,
            Instant closedAt,
            long daysLeft,
            boolean overdue,
            boolean dueSoon,
            int systems) {

        /** The request's short reference: its id's first 8 characters, as officers quote it. */
        public String reference() {
            return id.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        }

        public boolean open() {
            return !status.closed();
        }
    }

    /** A page of rows and the number of requests the filter selects. */
    record Page(List<Row> rows, int total, int page, int size) {

        public int pages() {
            return Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages();
        }

        public int first() {
            return rows.isEmpty() ? 0 : (page - 1) * size + 1;
        }

        public int last() {
            return (page - 1) * size + rows.size();
        }
    }

    private final DSLContext dsl;

    RequestQueue(DSLContext dsl) {
        this.dsl = dsl;
    }

    Page list(UUID tenantId, QueueFilter filter, Instant now) {
        List<Condition> where = conditions(tenantId, filter, now);
        int total = dsl.fetchCount(REQUEST, where);
        Field<Integer> systems = DSL.field(DSL.selectCount()
                .from(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(REQUEST.TENANT_ID))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(REQUEST.ID)));
        List<Row> rows = dsl.select(
                        REQUEST.ID,
                        REQUEST.TYPE,
                        REQUEST.STATUS,
                        REQUEST.RECEIVED_AT,
                        REQUEST.DUE_AT,
                        REQUEST.CLOSED_AT,
                        systems)
                .from(REQUEST)
                .where(where)
                .orderBy(order(filter.sort()))
                .offset((filter.page() - 1) * filter.size())
                .limit(filter.size())
                .fetch(record -> row(
                        record.value1(),
                        record.value2(),
                        record.value3(),
                        record.value4().toInstant(),
                        record.value5().toInstant(),
                        record.value6() == null ? null : record.value6().toInstant(),
                        record.value7(),
                        now));
        return new Page(rows, total, filter.page(), filter.size());
    }

    private static List<Condition> conditions(UUID tenantId, QueueFilter filter, Instant now) {
        List<Condition> where = new ArrayList<>(List.of(REQUEST.TENANT_ID.eq(tenantId)));
        if (filter.type() != null) {
            where.add(REQUEST.TYPE.eq(filter.type().name()));
        }
        if (filter.status() != null) {
            where.add(REQUEST.STATUS.eq(filter.status().name()));
        } else if (filter.openOnly()) {
            where.add(REQUEST.STATUS.in(OPEN));
        }
        if (filter.due() != null) {
            where.add(REQUEST.STATUS.in(OPEN));
            where.add(
                    switch (filter.due()) {
                        case OVERDUE -> REQUEST.DUE_AT.lt(now.atOffset(ZoneOffset.UTC));
                        case SOON ->
                            REQUEST.DUE_AT
                                    .ge(now.atOffset(ZoneOffset.UTC))
                                    .and(REQUEST.DUE_AT.lt(now.plus(SOON).atOffset(ZoneOffset.UTC)));
                    });
        }
        if (filter.reference() != null) {
            where.add(REQUEST.ID.cast(String.class).startsWith(filter.reference()));
        }
        return where;
    }

    private static List<SortField<?>> order(QueueFilter.Sort sort) {
        return switch (sort) {
            case DAYS_LEFT -> List.of(REQUEST.DUE_AT.asc(), REQUEST.ID.asc());
            case RECEIVED -> List.of(REQUEST.RECEIVED_AT.desc(), REQUEST.ID.asc());
        };
    }

    private static Row row(
            UUID id,
            String type,
            String status,
            Instant receivedAt,
            Instant dueAt,
            Instant closedAt,
            int systems,
            Instant now) {
        // Whole calendar days (UTC) between today and the due date: "due today" is 0, "due yesterday" -1.
        long daysLeft = ChronoUnit.DAYS.between(
                now.atOffset(ZoneOffset.UTC).toLocalDate(),
                dueAt.atOffset(ZoneOffset.UTC).toLocalDate());
        RequestStatus parsed = RequestStatus.valueOf(status);
        boolean open = !parsed.closed();
        return new Row(
                id,
                RequestType.valueOf(type),
                parsed,
                receivedAt,
                dueAt,
                closedAt,
                daysLeft,
                open && dueAt.isBefore(now),
                open && !dueAt.isBefore(now) && dueAt.isBefore(now.plus(SOON)),
                systems);
    }
}
