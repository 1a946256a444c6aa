package dev.lethe.ui.connectors;

import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.PendingOperation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Where a subject's records are in one connection's system: a count per dataset the catalog maps, and
 * what was not searched because nobody has confirmed its mapping yet (personal data fields still
 * DISCOVERED), so that nothing is skipped silently. For a system that answers later (a webhook that
 * answered {@code 202}, a manual task), {@code pending} names what the answer waits for and there are
 * no counts yet; otherwise it is {@code null}.
 */
public record LocateResult(
        UUID connectionId, long records, List<DatasetCount> datasets, List<NotSearched> notSearched, Pending pending) {

    public LocateResult {
        datasets = List.copyOf(datasets);
        notSearched = List.copyOf(notSearched);
    }

    /** A field that may hold the subject's data but was not searched, and why. */
    public record NotSearched(String dataset, String field, List<String> categories, String reason) {

        public static final String MAPPING_UNCONFIRMED = "mapping unconfirmed";

        public NotSearched {
            categories = List.copyOf(categories);
        }
    }

    /**
     * What a deferred locate waits for: the pending operation's id, its kind ({@code callback} or
     * {@code manual_task}) and when a callback stops being accepted ({@code null} for a manual task
     * without a deadline). Nothing about the subject.
     */
    public record Pending(String id, String kind, Instant expiresAt) {

        static Pending of(PendingOperation operation) {
            return new Pending(operation.id(), operation.kind().name().toLowerCase(Locale.ROOT), operation.expiresAt());
        }
    }
}
