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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request queue: filters (type, status, due, reference), soonest due first or newest received
 * first, pages, the htmx fragment; who may read it.
 */
class RequestQueueIT extends AppIntegrationTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Pattern ROW_ID = Pattern.compile("<tr[^>]*data-id=\"([0-9a-f-]{36})\"");

    @Autowired
    Tenants tenants;

    private People people;
    private Tenant tenant;
    private RequestScene scene;
    private final Instant now = Instant.now();

    @BeforeEach
    void freshTenant() {
        people = people();
        tenant = tenants.create(UniqueNames.of("queue"), "Queue test");
        scene = new RequestScene(owner(), tenant.id());
    }

    @Test
    void filtersByTypeStatusDueAndReferenceSoonestDueFirst() {
        UUID overdue = scene.open(RequestType.ERASURE, RequestStatus.AWAITING_APPROVAL, ago(40), in(-2));
        UUID soon = scene.open(RequestType.ACCESS, RequestStatus.IN_PROGRESS, ago(25), in(5));
        UUID later = scene.open(RequestType.ERASURE, RequestStatus.RECEIVED, ago(1), in(29));
        UUID held = scene.open(RequestType.EXPORT, RequestStatus.ON_HOLD, ago(10), in(20));
        UUID done = scene.closed(RequestType.ERASURE, RequestStatus.COMPLETED, ago(50), ago(30));
        scene.systems(soon, 3);
        WebClient officer = People.signIn(port, people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));

        // By default: open requests, soonest due (overdue) first.
        assertThat(rows(officer, "/requests")).containsExactly(overdue, soon, held, later);
        assertThat(rows(officer, "/requests?sort=received")).containsExactly(later, held, soon, overdue);
        assertThat(rows(officer, "/requests?status=all")).containsExactly(done, overdue, soon, held, later);
        assertThat(rows(officer, "/requests?type=ERASURE")).containsExactly(overdue, later);
        assertThat(rows(officer, "/requests?type=ERASURE&status=all")).containsExactly(done, overdue, later);
        assertThat(rows(officer, "/requests?status=COMPLETED")).containsExactly(done);
        assertThat(rows(officer, "/requests?status=ON_HOLD")).containsExactly(held);
        assertThat(rows(officer, "/requests?due=overdue")).containsExactly(overdue);
        assertThat(rows(officer, "/requests?due=soon")).containsExactly(soon);
        assertThat(rows(
                        officer,
                        "/requests?q=" + held.toString().substring(0, 8).toUpperCase()))
                .containsExactly(held);
        assertThat(rows(officer, "/requests?q=" + done + "&status=all")).containsExactly(done);

        String page = officer.get("/requests").body();
        // Each row links to the request's page, shows its systems, and the overdue one is marked.
        assertThat(page).contains("href=\"/requests/" + soon + "\"");
        assertThat(page).containsPattern("data-id=\"" + soon + "\"[\\s\\S]*?<td>3</td>");
        assertThat(page).contains("data-id=\"" + overdue + "\" class=\"overdue\"");
        assertThat(page).containsPattern("data-id=\"" + overdue + "\"[\\s\\S]*?Overdue</span>\\s*<span>2 days</span>");
        assertThat(page).doesNotContain("style=");
    }

    @Test
    void anUnknownFilterIsLeftOutAndSaidSo() {
        UUID open = scene.open(RequestType.ACCESS, RequestStatus.RECEIVED, ago(1), in(29));
        WebClient officer = People.signIn(port, people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));

        HttpResponse<String> response = officer.get("/requests?type=TELEPORT&q=alice%40example.org");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("That type is not one Lethe knows; the filter was left out.")
                .contains("Search by a request&#39;s reference")
                .doesNotContain("alice");
        assertThat(ids(response.body())).containsExactly(open);
    }

    @Test
    void pagesThroughTheQueue() {
        List<UUID> bySoonest = new java.util.ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            bySoonest.add(scene.open(RequestType.ACCESS, RequestStatus.RECEIVED, ago(30 - day), in(day)));
        }
        WebClient auditor = People.signIn(port, people.create(tenant, "Arne Auditor", Role.AUDITOR));

        HttpResponse<String> first = auditor.get("/requests?size=2");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ids(first.body())).containsExactlyElementsOf(bySoonest.subList(0, 2));
        assertThat(first.body())
                .contains("Page <span>1</span> of <span>3</span>")
                .contains("href=\"/requests?size=2&amp;page=2\"");
        assertThat(rows(auditor, "/requests?size=2&page=2")).containsExactlyElementsOf(bySoonest.subList(2, 4));
        assertThat(rows(auditor, "/requests?size=2&page=3")).containsExactlyElementsOf(bySoonest.subList(4, 5));
        assertThat(auditor.get("/requests?size=2&page=9").body()).contains("This page is past the last one.");
        // The size is capped; htmx gets only the results fragment, without the shell.
        HttpResponse<String> fragment = auditor.get("/requests?size=100000", Map.of("HX-Request", "true"));
        assertThat(ids(fragment.body())).hasSize(5);
        assertThat(fragment.body()).startsWith("<section id=\"queue-results\"").doesNotContain("<header");
    }

    @Test
    void engineersMayNotOpenIt() {
        WebClient engineer = People.signIn(port, people.create(tenant, "Erik Engineer", Role.ENGINEER));

        assertThat(engineer.get("/requests").statusCode()).isEqualTo(403);
    }

    @Test
    void requestsOfOtherTenantsAreNotListed() {
        Tenant other = tenants.create(UniqueNames.of("queue-other"), "Other");
        new RequestScene(owner(), other.id()).open(RequestType.ACCESS, RequestStatus.RECEIVED, ago(1), in(29));
        WebClient admin = People.signIn(port, people.create(tenant, "Ada Admin", Role.ADMIN));

        HttpResponse<String> response = admin.get("/requests?status=all");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ids(response.body())).isEmpty();
        assertThat(response.body()).contains("No requests match these filters.");
    }

    private static List<UUID> rows(WebClient client, String path) {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return ids(response.body());
    }

    private static List<UUID> ids(String page) {
        return ROW_ID.matcher(page)
                .results()
                .map(m -> UUID.fromString(m.group(1)))
                .toList();
    }

    private Instant ago(int days) {
        return now.minus(DAY.multipliedBy(days));
    }

    private Instant in(int days) {
        return now.plus(DAY.multipliedBy(days));
    }
}
