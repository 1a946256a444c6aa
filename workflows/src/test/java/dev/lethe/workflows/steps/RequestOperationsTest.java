package dev.lethe.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestOperationsTest {

    @Test
    void aCompletedPendingOperationLeadsBackToItsRequest() {
        UUID request = UUID.randomUUID();

        assertThat(RequestOperations.requestOf(RequestOperations.operationId(request)))
                .contains(request);
    }

    @Test
    void operationsOfOtherKindsNameNoRequest() {
        assertThat(RequestOperations.requestOf("locate-" + UUID.randomUUID())).isEmpty();
        assertThat(RequestOperations.requestOf("request:not-a-uuid")).isEmpty();
        assertThat(RequestOperations.requestOf(null)).isEmpty();
    }
}
