package dev.lethe.connectors.elasticsearch;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.spi.ConnectorException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * JSON over HTTP to one cluster, at the address the outbound guard checked: the client's host
 * carries that address (the name stays for TLS and the {@code Host} header), its resolver answers
 * only that name with only that address, and redirects are not followed. Credentials travel in a
 * default header and appear in no message.
 */
final class ClusterClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP answer: its status and parsed body (a missing node when it had none). */
    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String errorType() {
            JsonNode error = body.path("error");
            return error.isObject() ? error.path("type").asString("") : "";
        }
    }

    private final Rest5Client client;
    private final String where;

    ClusterClient(ElasticsearchConnectorConfig config, GuardedTarget target) {
        this.where = config.where();
        HttpHost host = new HttpHost(config.url().getScheme(), target.address(), target.host(), target.port());
        DnsResolver pinned = new PinnedResolver(target.host(), target.address());
        Timeout timeout = Timeout.of(config.requestTimeout());
        var builder = Rest5Client.builder(host)
                .setHttpClientConfigCallback(http -> http.disableRedirectHandling())
                .setConnectionManagerCallback(manager -> manager.setDnsResolver(pinned))
                .setConnectionConfigCallback(
                        connection -> connection.setConnectTimeout(timeout).setSocketTimeout(timeout))
                .setRequestConfigCallback(
                        request -> request.setResponseTimeout(timeout).setConnectionRequestTimeout(timeout))
                .setDefaultHeaders(authorization(config));
        String path = config.url().getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        this.client = builder.build();
    }

    /** The answer whatever its status; only I/O failures throw (classified). */
    Reply exchange(String what, String method, String endpoint, Map<String, String> parameters, Object body) {
        Request request = new Request(method, endpoint);
        request.addParameters(parameters);
        if (body instanceof String ndjson) {
            request.setEntity(new ByteArrayEntity(
                    ndjson.getBytes(StandardCharsets.UTF_8), ContentType.create("application/x-ndjson")));
        } else if (body != null) {
            request.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        }
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        } catch (IOException e) {
            throw ClusterErrors.io(what, where, e);
        }
        int status = response.getStatusCode();
        return new Reply(status, parse(what, status, response.getEntity()));
    }

    /** The body of a successful answer; any other status throws, classified. */
    JsonNode request(String what, String method, String endpoint, Map<String, String> parameters, Object body) {
        Reply reply = exchange(what, method, endpoint, parameters, body);
        if (!reply.ok()) {
            throw ClusterErrors.status(what, reply.status(), reply.errorType());
        }
        return reply.body();
    }

    /** A failure's body that is not JSON (a proxy's error page) is dropped: its status still tells. */
    private JsonNode parse(String what, int status, HttpEntity entity) {
        if (entity == null) {
            return MissingNode.getInstance();
        }
        try {
            byte[] bytes = EntityUtils.toByteArray(entity);
            return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw ClusterErrors.io(what, where, e);
        } catch (RuntimeException e) {
            if (status < 200 || status >= 300) {
                return MissingNode.getInstance();
            }
            // A success that is not JSON: something else answers there. Its text is not repeated.
            throw ConnectorException.retriable(what + " failed: the answer from " + where + " is not JSON", null);
        }
    }

    private static Header[] authorization(ElasticsearchConnectorConfig config) {
        if (config.apiKey() != null) {
            return new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + config.apiKey())};
        }
        if (config.username() != null) {
            String pair = config.username() + ":" + config.password();
            return new Header[] {
                new BasicHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
            };
        }
        return new Header[0];
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing releases local resources only; nothing to report.
        }
    }

    /** Answers the checked name with the checked address, and nothing else: no second lookup. */
    private record PinnedResolver(String host, InetAddress address) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String name) throws UnknownHostException {
            if (!host.equalsIgnoreCase(name) && !address.getHostAddress().equals(name)) {
                throw new UnknownHostException("only the checked host is reachable");
            }
            return new InetAddress[] {address};
        }

        @Override
        public String resolveCanonicalHostname(String name) throws UnknownHostException {
            resolve(name);
            return host;
        }
    }
}
