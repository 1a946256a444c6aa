package dev.lethe.ui.dashboard;

import static dev.lethe.catalog.jooq.Tables.REQUEST;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures, each an SQL aggregate over the tenant's {@code request} rows (never the rows
 * themselves): open requests by type and status, how many are due soon or overdue, requests received
 * and closed per week, and the median days to close. Weeks start on Monday, 00:00 UTC, as the
 * deadlines are computed in UTC. A request is closed when it reached a final status ({@code closed_at}
 * is set then: completed, completed with exceptions, denied or cancelled). Thread-safe.
 */
@Component
class DashboardFigures {

    static final int WEEKS = 12;
    static final Duration DUE_SOON = Duration.ofDays(7);
    static final Duration MEDIAN_WINDOW = Duration.ofDays(90);

    private static final List<String> OPEN = Arrays.stream(RequestStatus.values())
            .filter(s -> !s.closed())
            .map(Enum::name)
            .toList();
    private static final long SECONDS_PER_WEEK = Duration.ofDays(7).toSeconds();

    private final DSLContext dsl;

    DashboardFigures(DSLContext dsl) {
        this.dsl = dsl;
    }

    Dashboard of(UUID tenantId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Map<RequestType, Integer> byType = new EnumMap<>(RequestType.class);
        Map<RequestStatus, Integer> byStatus = new EnumMap<>(RequestStatus.class);
        int[] due = new int[2];
        dsl.select(
                        REQUEST.TYPE,
                        REQUEST.STATUS,
                        DSL.count(),
                        DSL.count().filterWhere(REQUEST.DUE_AT.ge(at).and(REQUEST.DUE_AT.lt(at.plus(DUE_SOON)))),
                        DSL.count().filterWhere(REQUEST.DUE_AT.lt(at)))
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.STATUS.in(OPEN))
                .groupBy(REQUEST.TYPE, REQUEST.STATUS)
                .forEach(row -> {
                    byType.merge(RequestType.valueOf(row.value1()), row.value3(), Integer::sum);
                    byStatus.merge(RequestStatus.valueOf(row.value2()), row.value3(), Integer::sum);
                    due[0] += row.value4();
                    due[1] += row.value5();
                });
        LocalDate firstWeek = firstWeek(now);
        int[] received = perWeek(tenantId, REQUEST.RECEIVED_AT, firstWeek);
        int[] closed = perWeek(tenantId, REQUEST.CLOSED_AT, firstWeek);
        List<Dashboard.Week> weeks = IntStream.range(0, WEEKS)
                .mapToObj(i -> new Dashboard.Week(firstWeek.plusWeeks(i), received[i], closed[i]))
                .toList();
        return new Dashboard(byType, byStatus, due[0], due[1], weeks, medianDaysToClose(tenantId, at));
    }

    /** The Monday that starts the first of the {@link #WEEKS} weeks shown, the current one last. */
    static LocalDate firstWeek(Instant now) {
        return now.atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(WEEKS - 1);
    }

    /** Counts per week of {@code time} since {@code firstWeek}: index 0 is that week. */
    private int[] perWeek(UUID tenantId, TableField<?, OffsetDateTime> time, LocalDate firstWeek) {
        OffsetDateTime start = firstWeek.atStartOfDay().atOffset(ZoneOffset.UTC);
        // The week's index by elapsed seconds from a UTC Monday: independent of the session's time zone.
        Field<Integer> week = DSL.field(
                "floor(extract(epoch from ({0} - {1})) / {2})::int",
                SQLDataType.INTEGER, time, DSL.val(start), DSL.inline(SECONDS_PER_WEEK));
        int[] counts = new int[WEEKS];
        dsl.select(week, DSL.count())
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(time.ge(start))
                .and(time.lt(start.plusWeeks(WEEKS)))
                // By position: the week expression's bind value would not match a repeated one.
                .groupBy(DSL.inline(1))
                .forEach(row -> counts[row.value1()] = row.value2());
        return counts;
    }

    /** The median of (closed − received) over requests closed in the last 90 days, in days; null if none. */
    private Double medianDaysToClose(UUID tenantId, OffsetDateTime now) {
        Field<Double> seconds = DSL.field(
                "extract(epoch from ({0} - {1}))", SQLDataType.DOUBLE, REQUEST.CLOSED_AT, REQUEST.RECEIVED_AT);
        Field<BigDecimal> median = DSL.percentileCont(0.5).withinGroupOrderBy(seconds);
        BigDecimal value = dsl.select(median)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.CLOSED_AT.ge(now.minus(MEDIAN_WINDOW)))
                .and(REQUEST.CLOSED_AT.le(now))
                .fetchOne(median);
        return value == null ? null : value.doubleValue() / Duration.ofDays(1).toSeconds();
    }
}
