package dev.lethe.connectors.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic of the connection and what erasure needs to know of it.
 *
 * @param compacted whether {@code cleanup.policy} includes {@code compact}: a tombstone removes a key
 * @param retentionMs how long records are kept ({@code -1}: for ever), from {@code retention.ms}
 */
record TopicInfo(String name, boolean compacted, long retentionMs) {

    /** The connection's topics (those its patterns cover, internal topics never), by name. */
    static Map<String, TopicInfo> list(Admin admin, KafkaConnectorConfig config) throws Exception {
        long timeout = config.requestTimeout().toMillis();
        List<String> names = admin
                .listTopics(new ListTopicsOptions().listInternal(false))
                .names()
                .get(timeout, TimeUnit.MILLISECONDS)
                .stream()
                .filter(config::covers)
                .sorted()
                .toList();
        return describe(admin, names, timeout);
    }

    static Map<String, TopicInfo> describe(Admin admin, Collection<String> names, long timeoutMs) throws Exception {
        Map<String, TopicInfo> topics = new TreeMap<>();
        if (names.isEmpty()) {
            return topics;
        }
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        configs.forEach((resource, config) -> {
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
            topics.put(
                    resource.name(),
                    new TopicInfo(
                            resource.name(),
                            policy != null
                                    && policy.value() != null
                                    && policy.value().contains("compact"),
                            retention == null || retention.value() == null ? -1 : Long.parseLong(retention.value())));
        });
        return topics;
    }

    /** Why a record of a topic that is not compacted stays where it is, for reports. */
    String retentionNote() {
        return "not erasable in place: the record stays until the topic's retention removes it ("
                + (retentionMs < 0 ? "retention.ms=-1, never" : "retention.ms=" + retentionMs) + ")";
    }
}
