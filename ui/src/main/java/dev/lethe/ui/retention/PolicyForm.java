package dev.lethe.ui.retention;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicy;
import java.util.UUID;

/**
 * The retention policy form as posted: {@code target} is {@code dataset:<id>} or {@code category:<code>},
 * {@code enabled} is present when its box is ticked. Blank fields are missing ones.
 */
record PolicyForm(
        String name,
        String target,
        String period,
        String clockKind,
        String clock,
        String action,
        String anonymizeWith,
        String legalBasis,
        String enabled,
        Integer version) {

    /** An empty form with the API's defaults. */
    static PolicyForm blank() {
        return new PolicyForm("", "", "P30D", "FIELD", "", "DELETE", "NULL", "", "on", null);
    }

    static PolicyForm of(RetentionPolicy policy) {
        return new PolicyForm(
                policy.name(),
                policy.datasetId() != null ? "dataset:" + policy.datasetId() : "category:" + policy.dataCategory(),
                policy.period(),
                policy.clockKind().name(),
                policy.clock(),
                policy.action().name(),
                policy.anonymizeWith().name(),
                policy.legalBasis() == null ? "" : policy.legalBasis().name(),
                policy.enabled() ? "on" : null,
                policy.revision().version());
    }

    /** The draft the catalog checks; {@code schedule} is kept from the policy being edited (null: default). */
    RetentionDraft toDraft(String schedule) {
        UUID datasetId = null;
        String category = null;
        String chosen = blankToNull(target);
        if (chosen != null && chosen.startsWith("dataset:")) {
            try {
                datasetId = UUID.fromString(chosen.substring("dataset:".length()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Choose a dataset or a data category");
            }
        } else if (chosen != null && chosen.startsWith("category:")) {
            category = chosen.substring("category:".length());
        }
        if (datasetId == null && category == null) {
            throw new InvalidInputException("Choose a dataset or a data category for the policy");
        }
        return new RetentionDraft(
                name,
                datasetId,
                category,
                blankToNull(period),
                blankToNull(clockKind),
                clock,
                blankToNull(action),
                schedule,
                enabled != null,
                blankToNull(legalBasis),
                blankToNull(anonymizeWith));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
