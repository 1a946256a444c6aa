package dev.lethe.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's figures against a known set of requests in a fresh tenant: open requests by type and
 * status, due within 7 days, overdue, received and closed per week, the median days to close — and
 * that requests of other tenants count nowhere.
 */
class DashboardIT extends AppIntegrationTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    Tenants tenants;

    private People people;
    private Tenant tenant;

    @BeforeEach
    void freshTenant() {
        people = people();
        tenant = tenants.create(UniqueNames.of("dash"), "Dashboard test");
    }

    @Test
    void figuresMatchTheTenantsRequests() {
        Instant now = Instant.now();
        // The Monday (00:00 UTC) that starts the current week: the chart's last week, index 11.
        Instant thisWeek = now.atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        Instant lastWeek = thisWeek.minus(WEEK);
        RequestScene scene = new RequestScene(owner(), tenant.id());
        // Open: due soon (A, D), overdue (B), neither (C).
        scene.open(RequestType.ACCESS, RequestStatus.RECEIVED, thisWeek, now.plus(DAY.multipliedBy(3)));
        scene.open(
                RequestType.ERASURE,
                RequestStatus.AWAITING_APPROVAL,
                lastWeek.plus(HOUR),
                now.minus(DAY.multipliedBy(2)));
        scene.open(
                RequestType.ERASURE,
                RequestStatus.IN_PROGRESS,
                thisWeek.minus(WEEK.multipliedBy(2)).plus(HOUR),
                now.plus(DAY.multipliedBy(20)));
        scene.open(
                RequestType.EXPORT,
                RequestStatus.ON_HOLD,
                lastWeek.plus(HOUR.multipliedBy(2)),
                now.plus(DAY.multipliedBy(6)));
        // Closed within 90 days after 2, 4, 1 and 70 days (and 2 hours): the median is (2 + 4) / 2 = 3.
        Instant e = thisWeek.minus(WEEK.multipliedBy(3)).plus(HOUR);
        scene.closed(RequestType.ACCESS, RequestStatus.COMPLETED, e, e.plus(DAY.multipliedBy(2)));
        Instant f = thisWeek.minus(WEEK.multipliedBy(2)).plus(HOUR);
        scene.closed(RequestType.ERASURE, RequestStatus.COMPLETED, f, f.plus(DAY.multipliedBy(4)));
        Instant g = lastWeek.plus(HOUR);
        scene.closed(RequestType.ACCESS, RequestStatus.DENIED, g, g.plus(DAY));
        Instant i = thisWeek.minus(WEEK.multipliedBy(11)).plus(HOUR);
        scene.closed(
                RequestType.EXPORT, RequestStatus.COMPLETED_WITH_EXCEPTIONS, i, lastWeek.plus(HOUR.multipliedBy(3)));
        // Received and closed long ago: in no week of the chart and not in the median.
        scene.closed(
                RequestType.ACCESS,
                RequestStatus.COMPLETED,
                thisWeek.minus(DAY.multipliedBy(140)),
                thisWeek.minus(DAY.multipliedBy(120)));
        // Another tenant's open, overdue erasure counts nowhere here.
        Tenant other = tenants.create(UniqueNames.of("dash-other"), "Other tenant");
        new RequestScene(owner(), other.id())
                .open(RequestType.ERASURE, RequestStatus.RECEIVED, lastWeek, now.minus(DAY));

        WebClient officer = People.signIn(port, people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));
        HttpResponse<String> response = officer.get("/dashboard");

        assertThat(response.statusCode()).isEqualTo(200);
        String page = response.body();
        assertThat(figure(page, "open-count")).isEqualTo("4");
        assertThat(figure(page, "due-soon-count")).isEqualTo("2");
        assertThat(figure(page, "overdue-count")).isEqualTo("1");
        assertThat(figure(page, "median-days")).isEqualTo("3.0");
        assertThat(figure(page, "open-type-ACCESS")).isEqualTo("1");
        assertThat(figure(page, "open-type-ERASURE")).isEqualTo("2");
        assertThat(figure(page, "open-type-EXPORT")).isEqualTo("1");
        assertThat(figure(page, "open-type-OBJECTION")).isEqualTo("0");
        assertThat(figure(page, "open-status-RECEIVED")).isEqualTo("1");
        assertThat(figure(page, "open-status-AWAITING_APPROVAL")).isEqualTo("1");
        assertThat(figure(page, "open-status-IN_PROGRESS")).isEqualTo("1");
        assertThat(figure(page, "open-status-ON_HOLD")).isEqualTo("1");
        assertThat(page).doesNotContain("open-status-COMPLETED").doesNotContain("open-status-DENIED");
        int[] received = {1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 1};
        int[] closed = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 0};
        for (int week = 0; week < 12; week++) {
            assertThat(figure(page, "week-" + week + "-received"))
                    .as("received in week " + week)
                    .isEqualTo(String.valueOf(received[week]));
            assertThat(figure(page, "week-" + week + "-closed"))
                    .as("closed in week " + week)
                    .isEqualTo(String.valueOf(closed[week]));
        }
        // The chart: 24 bars, described for screen readers; each figure links into the filtered queue.
        assertThat(page)
                .contains("role=\"img\"")
                .contains(
                        "<desc id=\"weekly-desc\">Bar chart of the last 12 weeks: 8 requests received and 4 closed in all.");
        assertThat(Pattern.compile("<rect class=\"bar (received|closed)\"")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(24 + 2);
        assertThat(page)
                .contains("href=\"/requests?due=soon\"")
                .contains("href=\"/requests?due=overdue\"")
                .contains("href=\"/requests?type=ERASURE\"")
                .contains("href=\"/requests?status=AWAITING_APPROVAL\"")
                .doesNotContain("style=");
    }

    @Test
    void aTenantWithoutRequestsSeesZeros() {
        WebClient auditor = People.signIn(port, people.create(tenant, "Arne Auditor", Role.AUDITOR));

        String page = auditor.get("/dashboard").body();

        assertThat(figure(page, "open-count")).isEqualTo("0");
        assertThat(figure(page, "overdue-count")).isEqualTo("0");
        assertThat(figure(page, "median-days")).isEqualTo("—");
        assertThat(page).contains("No open requests.");
    }

    @Test
    void engineersMayNotOpenIt() {
        WebClient engineer = People.signIn(port, people.create(tenant, "Erik Engineer", Role.ENGINEER));

        assertThat(engineer.get("/dashboard").statusCode()).isEqualTo(403);
    }

    /** The text of the element with this id (a figure: no nested markup). */
    static String figure(String page, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<")
                .matcher(page);
        assertThat(matcher.find()).as("an element with id " + id).isTrue();
        return matcher.group(1).strip();
    }
}
