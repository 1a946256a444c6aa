package dev.lethe.workflows.request;

import static dev.lethe.workflows.request.RequestStatus.APPROVED;
import static dev.lethe.workflows.request.RequestStatus.AWAITING_APPROVAL;
import static dev.lethe.workflows.request.RequestStatus.CANCELED;
import static dev.lethe.workflows.request.RequestStatus.COMPLETED;
import static dev.lethe.workflows.request.RequestStatus.COMPLETED_WITH_EXCEPTIONS;
import static dev.lethe.workflows.request.RequestStatus.DENIED;
import static dev.lethe.workflows.request.RequestStatus.IDENTITY_UNVERIFIED;
import static dev.lethe.workflows.request.RequestStatus.IN_PROGRESS;
import static dev.lethe.workflows.request.RequestStatus.ON_HOLD;
import static dev.lethe.workflows.request.RequestStatus.RECEIVED;
import static dev.lethe.workflows.request.RequestStatus.VERIFIED;
import static dev.lethe.workflows.request.RequestStatus.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void theForwardPathIsAllowedStepByStep() {
        List<RequestStatus> path = List.of(
                RECEIVED,
                IDENTITY_UNVERIFIED,
                VERIFIED,
                AWAITING_APPROVAL,
                APPROVED,
                IN_PROGRESS,
                VERIFYING,
                COMPLETED);
        for (int i = 1; i < path.size(); i++) {
            assertThat(Lifecycle.allows(path.get(i - 1), path.get(i)))
                    .as(path.get(i - 1) + " → " + path.get(i))
                    .isTrue();
        }
        assertThat(Lifecycle.allows(RECEIVED, AWAITING_APPROVAL)).isTrue();
        assertThat(Lifecycle.allows(IN_PROGRESS, COMPLETED_WITH_EXCEPTIONS)).isTrue();
        assertThat(Lifecycle.allows(VERIFYING, IN_PROGRESS))
                .as("a failed verification runs again")
                .isTrue();
    }

    @Test
    void stepsCannotBeSkipped() {
        assertThat(Lifecycle.allows(RECEIVED, APPROVED)).isFalse();
        assertThat(Lifecycle.allows(IDENTITY_UNVERIFIED, AWAITING_APPROVAL)).isFalse();
        assertThat(Lifecycle.allows(AWAITING_APPROVAL, IN_PROGRESS)).isFalse();
        assertThat(Lifecycle.allows(APPROVED, COMPLETED)).isFalse();
    }

    @Test
    void deniedOnlyFromAwaitingApproval() {
        Arrays.stream(RequestStatus.values())
                .forEach(from -> assertThat(Lifecycle.allows(from, DENIED))
                        .as(from + " → DENIED")
                        .isEqualTo(from == AWAITING_APPROVAL));
    }

    @Test
    void canceledAndOnHoldOnlyBeforeCompletion() {
        for (RequestStatus from : RequestStatus.values()) {
            assertThat(Lifecycle.allows(from, CANCELED))
                    .as(from + " → CANCELED")
                    .isEqualTo(!from.closed());
            assertThat(Lifecycle.allows(from, ON_HOLD))
                    .as(from + " → ON_HOLD")
                    .isEqualTo(!from.closed() && from != ON_HOLD);
        }
    }

    @Test
    void finalStatusesGoNowhere() {
        for (RequestStatus from : List.of(DENIED, COMPLETED, COMPLETED_WITH_EXCEPTIONS, CANCELED)) {
            for (RequestStatus to : RequestStatus.values()) {
                assertThat(Lifecycle.allows(from, to)).as(from + " → " + to).isFalse();
            }
        }
    }

    @Test
    void aHeldRequestLeavesHoldOnlyByReleaseOrCancel() {
        for (RequestStatus to : RequestStatus.values()) {
            assertThat(Lifecycle.allows(ON_HOLD, to)).as("ON_HOLD → " + to).isEqualTo(to == CANCELED);
        }
        assertThat(Lifecycle.mayRelease(ON_HOLD, IN_PROGRESS)).isTrue();
        assertThat(Lifecycle.mayRelease(IN_PROGRESS, IN_PROGRESS)).isFalse();
        assertThat(Lifecycle.mayRelease(ON_HOLD, null)).isFalse();
        assertThat(Lifecycle.mayRelease(ON_HOLD, CANCELED)).isFalse();
    }

    @Test
    void requireNamesBothStatuses() {
        assertThatThrownBy(() -> Lifecycle.require(COMPLETED, IN_PROGRESS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COMPLETED")
                .hasMessageContaining("IN_PROGRESS");
    }
}
