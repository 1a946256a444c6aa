package dev.lethe.app.ingest;

import dev.lethe.ingest.registry.TopicPolicy;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Kafka topics a tenant's streams may read and write ({@code lethe.ingest.topics.*}); see
 * {@link TopicPolicy}. Restrictive unless configured otherwise: each tenant only its own prefix. The
 * {@code local} profile (development, {@code ./lethe up}) opens every tenant.
 *
 * @param tenantPrefix the prefix of a tenant's topics, {@code {tenant}} standing for its slug
 * @param openTenants slugs of tenants whose streams may name any topic but the reserved ones; {@code
 *     *} for every tenant
 */
@ConfigurationProperties("lethe.ingest.topics")
public record StreamTopicProperties(
        @DefaultValue("{tenant}.") String tenantPrefix, List<String> openTenants) {

    public StreamTopicProperties {
        openTenants = openTenants == null
                ? List.of()
                : openTenants.stream()
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList();
        if (tenantPrefix == null || !tenantPrefix.contains(TopicPolicy.TENANT)) {
            throw new IllegalArgumentException(
                    "lethe.ingest.topics.tenant-prefix must contain " + TopicPolicy.TENANT + " (e.g. {tenant}.)");
        }
        if (!tenantPrefix.replace(TopicPolicy.TENANT, "x").matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "lethe.ingest.topics.tenant-prefix may hold only letters, digits, '.', '_', '-' and {tenant}");
        }
    }

    /** The policy, the audit anchors topic (and its kind) reserved. */
    TopicPolicy policy(String anchorsTopic) {
        return new TopicPolicy(tenantPrefix, Set.copyOf(openTenants), Set.of(anchorsTopic));
    }
}
