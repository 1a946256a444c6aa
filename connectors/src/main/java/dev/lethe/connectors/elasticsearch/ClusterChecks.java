package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.elasticsearch.ClusterClient.Reply;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.TestResult.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@link ElasticsearchConnector#test} checks after the guard: reaching the cluster and signing
 * in, which indices the patterns match, and — when the cluster has security enabled — whether the
 * credentials may read, write and delete in them. A cluster without security is reported as such:
 * anyone who reaches it may do everything, and there are no privileges to check.
 */
final class ClusterChecks {

    static final List<String> PRIVILEGES = List.of("read", "view_index_metadata", "write", "delete");

    private final ClusterClient client;
    private final ElasticsearchConnectorConfig config;

    ClusterChecks(ClusterClient client, ElasticsearchConnectorConfig config) {
        this.client = client;
        this.config = config;
    }

    void run(List<Check> checks) {
        Reply authenticate;
        try {
            authenticate = client.exchange("Connecting", "GET", "/_security/_authenticate", Map.of(), null);
        } catch (ConnectorException e) {
            checks.add(Check.failed("connect and sign in", e.getMessage()));
            return;
        }
        boolean security = authenticate.ok();
        // Without security the endpoint does not exist (400, 404 or 405); anything else is a failure.
        boolean withoutSecurity =
                authenticate.status() == 400 || authenticate.status() == 404 || authenticate.status() == 405;
        if (!security && !withoutSecurity) {
            checks.add(Check.failed(
                    "connect and sign in",
                    ClusterErrors.status("Signing in", authenticate.status(), authenticate.errorType())
                            .getMessage()));
            return;
        }
        checks.add(Check.passed("connect and sign in"));
        try {
            checks.add(indicesMatched());
            checks.add(security ? privileges() : withoutSecurity());
        } catch (ConnectorException e) {
            checks.add(Check.failed("indices readable", e.getMessage()));
        }
    }

    private Check indicesMatched() {
        JsonNode resolved = client.request(
                "Resolving the index patterns",
                "GET",
                "/_resolve/index/" + config.target(),
                Map.of("expand_wildcards", "open"),
                null);
        long indices = 0;
        for (JsonNode index : resolved.path("indices")) {
            indices += index.path("name").asString("").startsWith(".") ? 0 : 1;
        }
        return indices == 0
                ? Check.failed("indices readable", "no open index matches " + config.target())
                : new Check("indices readable", true, indices + " index(es) match " + config.target());
    }

    private Check privileges() {
        JsonNode answer = client.request(
                "Checking privileges",
                "POST",
                "/_security/user/_has_privileges",
                Map.of(),
                Map.of("index", List.of(Map.of("names", config.includedPatterns(), "privileges", PRIVILEGES))));
        if (answer.path("has_all_requested").asBoolean(false)) {
            return Check.passed("privileges");
        }
        List<String> missing = new ArrayList<>();
        for (var pattern : answer.path("index").properties()) {
            for (var privilege : pattern.getValue().properties()) {
                if (!privilege.getValue().asBoolean(false)) {
                    missing.add(privilege.getKey() + " on " + pattern.getKey());
                }
            }
        }
        return Check.failed("privileges", "the credentials lack " + String.join(", ", missing));
    }

    private static Check withoutSecurity() {
        return new Check(
                "privileges",
                true,
                "security is not enabled on this cluster: no privileges to check, anyone who reaches it may read"
                        + " and change every index");
    }
}
