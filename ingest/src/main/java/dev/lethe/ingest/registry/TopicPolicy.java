package dev.lethe.ingest.registry;

import java.util.Locale;
import java.util.Set;

/**
 * Which Kafka topics a tenant's streams may read and write. A topic whose name starts with {@code _}
 * (Kafka's own {@code __consumer_offsets} and {@code __transaction_state}, schema registries'
 * {@code _schemas}) or that Lethe keeps for itself (the audit anchors) is refused to everyone. Beyond
 * that, a tenant named in {@code openTenants} (or every tenant, with {@code *}) may name any topic;
 * any other tenant only topics that start with its prefix: {@code prefixTemplate} with {@code
 * {tenant}} replaced by its slug ({@code acme.} for {@code {tenant}.}). Slugs have no dots, so one
 * tenant's prefix never covers another's topics. Immutable and thread-safe.
 */
public final class TopicPolicy {

    public static final String TENANT = "{tenant}";

    private final String prefixTemplate;
    private final Set<String> openTenants;
    private final Set<String> reserved;

    public TopicPolicy(String prefixTemplate, Set<String> openTenants, Set<String> reserved) {
        if (prefixTemplate == null || !prefixTemplate.contains(TENANT)) {
            throw new IllegalArgumentException("The topic prefix must contain " + TENANT);
        }
        this.prefixTemplate = prefixTemplate;
        this.openTenants = Set.copyOf(openTenants);
        this.reserved = Set.copyOf(reserved);
    }

    /** Every tenant may name any topic but the reserved ones: Lethe's behaviour before the policy. */
    public static TopicPolicy open(Set<String> reserved) {
        return new TopicPolicy(TENANT + ".", Set.of("*"), reserved);
    }

    /** The prefix the tenant's topics need, unless it is open. */
    public String prefixOf(String tenantSlug) {
        return prefixTemplate.replace(TENANT, tenantSlug);
    }

    /**
     * @throws TopicNotAllowedException when the tenant's streams may not use the topic; the message
     *     names the field and the rule, never another tenant
     */
    public void requireAllowed(String tenantSlug, String topic, String field) {
        String lower = topic.toLowerCase(Locale.ROOT);
        if (topic.startsWith("_")
                || reserved.contains(topic)
                || reserved.stream().anyMatch(r -> lower.equals(r.toLowerCase(Locale.ROOT)))) {
            throw new TopicNotAllowedException(field + " names a topic reserved for Kafka or Lethe itself");
        }
        if (openTenants.contains("*") || openTenants.contains(tenantSlug)) {
            return;
        }
        String prefix = prefixOf(tenantSlug);
        if (!topic.startsWith(prefix) || topic.length() == prefix.length()) {
            throw new TopicNotAllowedException(
                    field + " must name one of this tenant's topics: they start with '" + prefix + "'");
        }
    }
}
