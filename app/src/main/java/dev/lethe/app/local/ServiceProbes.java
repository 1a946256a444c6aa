package dev.lethe.app.local;

import dev.lethe.app.temporal.TemporalProperties;
import dev.lethe.app.temporal.TemporalTls;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * One real request to each external service, as the application will make it: a query on
 * PostgreSQL, a cluster description from Kafka, the cluster health of Elasticsearch, the system
 * info of Temporal. An open TCP port proves nothing (a load balancer, a proxy, the wrong service);
 * an answer in the service's own protocol, with the configured credentials, does.
 *
 * <p>Each probe answers a short reason when the service did not answer as expected, never the
 * driver's own message (it may quote the URL, user or password).
 */
final class ServiceProbes {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServiceProbes() {}

    static Optional<String> postgres(String url, String user, String password) {
        DriverManager.setLoginTimeout((int) TIMEOUT.toSeconds());
        try (var connection = DriverManager.getConnection(url, user, password == null ? "" : password);
                var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            statement.executeQuery("select 1").close();
            return Optional.empty();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                return Optional.of("refused the credentials (SQL state " + state
                        + "): check spring.datasource.username and spring.datasource.password");
            }
            if (state.equals("3D000")) {
                return Optional.of("has no such database (SQL state 3D000)");
            }
            return Optional.of("did not answer a query (SQL state " + (state.isEmpty() ? "none" : state) + ")");
        }
    }

    static Optional<String> kafka(String bootstrapServers, Map<String, ?> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        // One attempt per address: a broker that never answers must not keep the start waiting.
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(config)) {
            var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return nodes.isEmpty() ? Optional.of("answered with no brokers") : Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                return Optional.of("refused the credentials: check spring.kafka.properties.sasl.* / security.*");
            }
            return Optional.of(
                    "did not describe its cluster (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.of("did not describe its cluster within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("check interrupted");
        } catch (org.apache.kafka.common.KafkaException e) {
            return Optional.of(
                    "cannot be reached with these settings (" + e.getClass().getSimpleName() + ")");
        }
    }

    static Optional<String> elasticsearch(String uris, String username, String password) {
        return elasticsearch(uris, username, password, null, null);
    }

    /**
     * @param sslContext trusts the cluster's CA (the SSL bundle of {@code spring.elasticsearch.restclient.ssl.bundle});
     *     null for the JDK's trusted CAs
     * @param apiKey sent instead of username and password when set
     */
    static Optional<String> elasticsearch(
            String uris, String username, String password, SSLContext sslContext, String apiKey) {
        String first = uris.split(",")[0].trim();
        URI uri = URI.create(first);
        String userInfo = uri.getUserInfo();
        URI health = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/$", ""))
                + "/_cluster/health");
        var request = HttpRequest.newBuilder(health).timeout(TIMEOUT).GET();
        String credentials = username != null ? username + ":" + (password == null ? "" : password) : userInfo;
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "ApiKey " + apiKey);
        } else if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        var builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        try (HttpClient client = builder.build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return Optional.of("refused the credentials (HTTP " + status
                        + "): check spring.elasticsearch.username and spring.elasticsearch.password");
            }
            if (status != 200 || !response.body().contains("\"cluster_name\"")) {
                return Optional.of("did not answer its cluster health (HTTP " + status + ")");
            }
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of("is unreachable");
        } catch (SSLException e) {
            return Optional.of("refused the TLS handshake (" + e.getClass().getSimpleName()
                    + "): check that spring.elasticsearch.restclient.ssl.bundle trusts the cluster's CA");
        } catch (java.io.IOException e) {
            return Optional.of(
                    "did not answer its cluster health (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("check interrupted");
        }
    }

    static Optional<String> temporal(String target, TemporalProperties.Tls tls) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(TemporalTls.options(target, tls));
        try {
            stubs.blockingStub()
                    .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return Optional.empty();
        } catch (io.grpc.StatusRuntimeException e) {
            return Optional.of(
                    "did not answer a system-info call (gRPC " + e.getStatus().getCode() + ")");
        } finally {
            stubs.shutdownNow();
        }
    }
}
