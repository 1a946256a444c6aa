package dev.lethe.ui.retention;

import dev.lethe.catalog.retention.RetentionPolicy;
import java.util.UUID;

/** A retention policy as the page lists it: what it governs by name, how long, from when, and what it does. */
record PolicyRow(
        UUID id,
        String name,
        String target,
        String period,
        String clock,
        String action,
        boolean enabled,
        String legalBasis,
        int version) {

    static PolicyRow of(RetentionPolicy policy, RetentionNames.Lookup names) {
        String target = policy.datasetId() != null
                ? names.dataset(policy.datasetId())
                : "data category " + policy.dataCategory();
        String clock = switch (policy.clockKind()) {
            case FIELD -> "field " + policy.clock();
            case EVENT -> "last activity (" + policy.clock() + ")";
        };
        String action = switch (policy.action()) {
            case DELETE -> "delete";
            case ANONYMIZE -> "anonymize (" + policy.anonymizeWith().name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
        return new PolicyRow(
                policy.id(),
                policy.name(),
                target,
                policy.period(),
                clock,
                action,
                policy.enabled(),
                policy.legalBasis() == null ? "" : policy.legalBasis().name(),
                policy.revision().version());
    }
}
