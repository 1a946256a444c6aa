package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {

    @Test
    void busyUnavailableAndConflictingAnswersAreRetriable() {
        assertThat(ClusterErrors.status("Erasing", 429, "es_rejected_execution_exception")
                        .isRetriable())
                .isTrue();
        assertThat(ClusterErrors.status("Erasing", 503, "").isRetriable()).isTrue();
        assertThat(ClusterErrors.status("Erasing", 500, "").isRetriable()).isTrue();
        assertThat(ClusterErrors.status("Erasing", 409, "version_conflict_engine_exception")
                        .isRetriable())
                .isTrue();
    }

    @Test
    void credentialsPrivilegesUnknownIndicesMappingsAndRedirectsAreFatal() {
        assertThat(ClusterErrors.status("Reading", 401, "security_exception"))
                .satisfies(e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("Reading failed: the cluster refused the credentials (HTTP 401, security_exception)");
        assertThat(ClusterErrors.status("Reading", 403, "security_exception").getMessage())
                .contains("lack a privilege");
        assertThat(ClusterErrors.status("Reading", 404, "index_not_found_exception"))
                .satisfies(e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("an index does not exist");
        assertThat(ClusterErrors.status("Writing", 400, "document_parsing_exception"))
                .satisfies(e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("does not fit the index's mapping");
        assertThat(ClusterErrors.status("Reading", 302, "").isRetriable()).isFalse();
    }

    @Test
    void connectionFailuresAndTimeoutsAreRetriableAndTlsFailuresFatal() {
        assertThat(ClusterErrors.io("Reading", "https://es:9200", new ConnectException("refused"))
                        .isRetriable())
                .isTrue();
        assertThat(ClusterErrors.io("Reading", "https://es:9200", new SocketTimeoutException("1000 ms")))
                .satisfies(e -> assertThat(e.isRetriable()).isTrue())
                .hasMessageContaining("request timeout");
        assertThat(ClusterErrors.io("Reading", "https://es:9200", new IOException("reset"))
                        .isRetriable())
                .isTrue();
        assertThat(ClusterErrors.io("Reading", "https://es:9200", new SSLHandshakeException("bad cert"))
                        .isRetriable())
                .isFalse();
    }
}
