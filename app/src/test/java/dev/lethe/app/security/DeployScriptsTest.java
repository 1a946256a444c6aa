package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.audit.KafkaCheckpointAnchors;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.SubjectLocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Kafka and Elasticsearch scripts of {@code deploy/} name what Lethe actually uses: the ACL script's
 * dry run is checked against the code's topic, group and transactional-id names, and the Elasticsearch
 * role's index patterns against the indices' names. Both scripts pass {@code bash -n}.
 */
class DeployScriptsTest {

    @Test
    void theKafkaAclsCoverExactlyWhatAStreamAndTheAnchorsUse() throws Exception {
        StreamDefinition stream = new StreamDefinition(
                "orders",
                UUID.randomUUID().toString(),
                "shop.orders",
                "shop.orders.clean",
                "shop",
                "orders",
                "$.customer.id",
                ProtectionPolicy.fromNames(Map.of("*", "REDACT")));

        List<String> commands = run(
                Map.of(
                        "DRY_RUN",
                        "1",
                        "BOOTSTRAP",
                        "broker:9093",
                        "SOURCE_TOPICS",
                        stream.sourceTopic(),
                        "TARGET_TOPICS",
                        stream.targetTopic(),
                        "PRINCIPAL",
                        "User:lethe"),
                "kafka/acls.sh");

        assertThat(commands)
                .allSatisfy(
                        command -> assertThat(command)
                                .startsWith(
                                        "kafka-acls.sh --bootstrap-server broker:9093 --add --force --allow-principal User:lethe "));
        assertThat(commands)
                .anySatisfy(command -> assertThat(command)
                        .endsWith("--topic " + stream.sourceTopic() + " --operation Read --operation Describe"));
        assertThat(commands)
                .anySatisfy(command -> assertThat(command)
                        .contains("--topic " + stream.deadLetterTopic() + " --operation Create --operation Write")
                        .contains("--operation AlterConfigs"));
        assertThat(commands)
                .anySatisfy(command -> assertThat(command)
                        .endsWith("--topic " + stream.targetTopic() + " --operation Write --operation Describe"));
        assertThat(commands)
                .anySatisfy(command -> assertThat(command)
                        .contains("--topic " + KafkaCheckpointAnchors.DEFAULT_TOPIC + " --operation Create"));
        String groupPrefix = prefixed(commands, "--group");
        String transactionalPrefix = prefixed(commands, "--transactional-id");
        assertThat(stream.consumerGroup()).startsWith(groupPrefix);
        assertThat(stream.consumerGroup() + "-instance-0")
                .as("the workers' transactional ids")
                .startsWith(transactionalPrefix);
        assertThat(commands).noneSatisfy(command -> assertThat(command).contains("--operation All"));
        assertThat(commands).noneSatisfy(command -> assertThat(command).contains("--topic *"));
    }

    @Test
    void theElasticsearchRoleCoversLethesIndicesOnly() throws Exception {
        JsonNode role = new ObjectMapper().readTree(DeployScripts.read("elasticsearch/role.json"));
        List<String> patterns = new ArrayList<>();
        role.get("indices").forEach(index -> index.get("names").forEach(name -> patterns.add(name.asString())));
        String tenant = UUID.randomUUID().toString();

        assertThat(patterns).allSatisfy(pattern -> assertThat(pattern).startsWith("lethe-"));
        assertThat(matches(patterns, SubjectLocator.indexFor(tenant))).isTrue();
        assertThat(matches(patterns, "lethe-catalog-" + tenant))
                .as("the catalog alias")
                .isTrue();
        assertThat(matches(patterns, "lethe-catalog-" + tenant + "-3"))
                .as("a catalog generation")
                .isTrue();
        assertThat(matches(patterns, "customers")).isFalse();
        assertThat(role.get("cluster").toString()).isEqualTo("[\"monitor\"]");
        assertThat(role.toString()).doesNotContain("\"all\"");
        assertThat(run(Map.of("DRY_RUN", "1", "ES_URL", "https://es:9200"), "elasticsearch/roles.sh"))
                .contains("PUT /_security/role/lethe", "PUT /_security/user/lethe");
    }

    @Test
    void theScriptsAreValidBash() throws Exception {
        for (String script : List.of("kafka/acls.sh", "elasticsearch/roles.sh", "postgresql/setup.sh")) {
            Process check = new ProcessBuilder(
                            "bash", "-n", DeployScripts.path(script).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(script + ": " + output).isZero();
        }
    }

    private static boolean matches(List<String> patterns, String index) {
        return patterns.stream()
                .anyMatch(pattern -> FileSystems.getDefault()
                        .getPathMatcher("glob:" + pattern)
                        .matches(java.nio.file.Path.of(index)));
    }

    private static String prefixed(List<String> commands, String option) {
        return commands.stream()
                .filter(command ->
                        command.contains(option + " ") && command.contains("--resource-pattern-type prefixed"))
                .map(command -> command.split(option + " ", 2)[1].split(" ", 2)[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prefixed ACL for " + option));
    }

    private static List<String> run(Map<String, String> environment, String script) throws Exception {
        var builder = new ProcessBuilder("bash", DeployScripts.path(script).toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
