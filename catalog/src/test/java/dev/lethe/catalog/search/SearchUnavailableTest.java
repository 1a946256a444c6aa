package dev.lethe.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.util.List;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.message.RequestLine;
import org.junit.jupiter.api.Test;

/** The shapes in which the client reports "no shard available": every one is transient, nothing else is. */
class SearchUnavailableTest {

    private static final String NO_SHARD = """
            {"error":{"root_cause":[{"type":"no_shard_available_action_exception","reason":"No shard available"}],
             "type":"search_phase_execution_exception","reason":"all shards failed"},"status":503}""";

    @Test
    void theLowLevelResponseExceptionInsideAnUncheckedIoExceptionIsTransient() throws Exception {
        // What failed CatalogSearchIT once: the retry caught neither this shape nor the second attempt's.
        var wrapped = new UncheckedIOException(responseException(503, NO_SHARD));

        assertThat(SearchUnavailable.isTransient(wrapped)).isTrue();
        assertThat(SearchUnavailable.isTransient(responseException(503, NO_SHARD)))
                .isTrue();
    }

    @Test
    void theTypedClientsExceptionsAreTransientBy503OrByTheNoShardType() {
        var typed503 = new ElasticsearchException("search", error(503, "search_phase_execution_exception"));
        var noShard = new ElasticsearchException("search", error(500, "no_shard_available_action_exception"));
        var transport = new TransportException(response(503), "no shard", "search");

        assertThat(SearchUnavailable.isTransient(typed503)).isTrue();
        assertThat(SearchUnavailable.isTransient(noShard)).isTrue();
        assertThat(SearchUnavailable.isTransient(new UncheckedIOException(transport)))
                .isTrue();
        assertThat(SearchUnavailable.isTransient(new RuntimeException(new UncheckedIOException(transport))))
                .isTrue();
    }

    @Test
    void busyTimedOutAndUnreachableAreTransient() throws Exception {
        assertThat(SearchUnavailable.isTransient(responseException(429, "{}"))).isTrue();
        assertThat(SearchUnavailable.isTransient(responseException(408, "{\"timed_out\":true}")))
                .isTrue();
        assertThat(SearchUnavailable.isTransient(new UncheckedIOException(new ConnectException("refused"))))
                .isTrue();
    }

    @Test
    void realErrorsAreNotTransient() throws Exception {
        assertThat(SearchUnavailable.isTransient(new ElasticsearchException("search", error(400, "parsing_exception"))))
                .isFalse();
        assertThat(SearchUnavailable.isTransient(new UncheckedIOException(responseException(500, "{}"))))
                .isFalse();
        assertThat(SearchUnavailable.isTransient(new UncheckedIOException(new IOException("broken pipe"))))
                .isFalse();
        assertThat(SearchUnavailable.isTransient(new IllegalStateException("bulk failed")))
                .isFalse();
    }

    private static ErrorResponse error(int status, String type) {
        return ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("test")));
    }

    /** The real low-level exception; its response's constructor is package-private, as only the client makes them. */
    private static ResponseException responseException(int status, String body) throws Exception {
        ClassicHttpResponse http = new BasicClassicHttpResponse(status);
        http.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        Constructor<Response> constructor =
                Response.class.getDeclaredConstructor(RequestLine.class, HttpHost.class, ClassicHttpResponse.class);
        constructor.setAccessible(true);
        Response response = constructor.newInstance(
                new RequestLine("POST", "/lethe-catalog-x/_search", org.apache.hc.core5.http.HttpVersion.HTTP_1_1),
                new HttpHost("localhost", 9200),
                http);
        return new ResponseException(response);
    }

    private static TransportHttpClient.Response response(int status) {
        return new TransportHttpClient.Response() {
            @Override
            public TransportHttpClient.Node node() {
                return new TransportHttpClient.Node("http://localhost:9200");
            }

            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public List<String> headers(String name) {
                return List.of();
            }

            @Override
            public BinaryData body() {
                return null;
            }

            @Override
            public Object originalResponse() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
