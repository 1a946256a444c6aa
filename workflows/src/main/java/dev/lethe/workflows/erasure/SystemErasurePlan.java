package dev.lethe.workflows.erasure;

import dev.lethe.connectors.spi.ErasurePlan;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an erasure will do in one catalog system, as the approver sees it and the connector runs it: the
 * connector SPI's {@link ErasurePlan}, and, listed with their reasons, what it keeps ({@code retained}),
 * what legal holds keep ({@code heldBack}) and personal data it cannot reach because the catalog maps no
 * identity to it ({@code unmapped}). Nothing is left out silently. Holds no personal data: dataset and
 * field names, category codes, reasons (legal references, case numbers), hold ids; never identities.
 */
public record SystemErasurePlan(
        UUID systemId, ErasurePlan plan, List<Retained> retained, List<HeldBack> heldBack, List<Unmapped> unmapped) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SystemErasurePlan {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(plan, "plan");
        retained = List.copyOf(retained);
        heldBack = List.copyOf(heldBack);
        unmapped = List.copyOf(unmapped);
    }

    /**
     * Kept by an erasure rule or a retention policy with a legal obligation.
     *
     * @param field null: the dataset's whole records
     * @param until the date it is kept until, or null
     * @param period how long it is kept (ISO-8601; after the request for a rule, after the policy's clock
     *     for a retention policy), or null
     */
    public record Retained(String dataset, String field, String reason, Instant until, String period) {}

    /** How far a legal hold reaches. */
    public enum HoldScope {
        SYSTEM,
        DATASET,
        CATEGORY,
        SUBJECT
    }

    /**
     * Kept by an active legal hold.
     *
     * @param field null: the dataset's whole records
     * @param until when the hold ends by itself, or null (until released)
     */
    public record HeldBack(String dataset, String field, HoldScope scope, UUID holdId, String reason, Instant until) {}

    /**
     * Personal data the plan cannot reach: a field nobody has confirmed yet (its mapping unconfirmed), or a
     * dataset with personal data that neither holds an identity nor refers to a dataset that does.
     *
     * @param field null: the whole dataset
     */
    public record Unmapped(String dataset, String field, List<String> categories, String why) {

        public Unmapped {
            categories = List.copyOf(categories);
        }
    }

    /** The plan as JSON, for the request store. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JacksonException e) {
            throw new IllegalStateException("an erasure plan could not be written as JSON", e);
        }
    }

    /** A plan from {@link #toJson()}; the SPI plan's invariants are checked again. */
    public static SystemErasurePlan fromJson(String json) {
        try {
            return JSON.readValue(json, SystemErasurePlan.class);
        } catch (JacksonException e) {
            // The message may quote the input: say only that it is not a plan.
            throw new IllegalArgumentException(
                    "not an erasure plan (" + e.getClass().getSimpleName() + ")");
        }
    }
}
