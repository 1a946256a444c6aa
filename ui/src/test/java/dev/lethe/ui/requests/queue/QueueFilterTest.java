package dev.lethe.ui.requests.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import org.junit.jupiter.api.Test;

class QueueFilterTest {

    @Test
    void withoutParametersItShowsOpenRequestsSoonestDueFirst() {
        QueueFilter filter = QueueFilter.of(null, null, null, null, null, 1, 25);

        assertThat(filter.openOnly()).isTrue();
        assertThat(filter.sort()).isEqualTo(QueueFilter.Sort.DAYS_LEFT);
        assertThat(filter.problems()).isEmpty();
        assertThat(filter.url(1)).isEqualTo("/requests");
    }

    @Test
    void itsAddressKeepsEveryFilterAndThePage() {
        QueueFilter filter = QueueFilter.of("erasure", "awaiting_approval", "overdue", "1A2B", "received", 1, 10);

        assertThat(filter.type()).isEqualTo(RequestType.ERASURE);
        assertThat(filter.status()).isEqualTo(RequestStatus.AWAITING_APPROVAL);
        assertThat(filter.due()).isEqualTo(QueueFilter.Due.OVERDUE);
        assertThat(filter.reference()).isEqualTo("1a2b");
        assertThat(filter.url(3))
                .isEqualTo(
                        "/requests?type=ERASURE&status=AWAITING_APPROVAL&due=overdue&q=1a2b&sort=received&size=10&page=3");
    }

    @Test
    void unknownValuesAreLeftOutAndNamed() {
        QueueFilter filter = QueueFilter.of("teleport", "lost", "someday", "alice@example.org", "name", 0, 5000);

        assertThat(filter.type()).isNull();
        assertThat(filter.status()).isNull();
        assertThat(filter.due()).isNull();
        assertThat(filter.reference()).isNull();
        assertThat(filter.sort()).isEqualTo(QueueFilter.Sort.DAYS_LEFT);
        assertThat(filter.page()).isEqualTo(1);
        assertThat(filter.size()).isEqualTo(QueueFilter.MAX_SIZE);
        assertThat(filter.problems()).hasSize(5).noneMatch(problem -> problem.contains("alice"));
    }

    @Test
    void allShowsClosedRequestsTooUnlessADueFilterAsksForOpenOnes() {
        assertThat(QueueFilter.of(null, "all", null, null, null, 1, 25).openOnly())
                .isFalse();
        assertThat(QueueFilter.of(null, "all", "soon", null, null, 1, 25).openOnly())
                .isTrue();
    }
}
