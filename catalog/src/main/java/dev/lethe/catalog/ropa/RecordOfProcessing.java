package dev.lethe.catalog.ropa;

import dev.lethe.catalog.flow.Safeguard;
import dev.lethe.catalog.processing.ProcessingRole;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The record of processing activities (GDPR Art. 30) of one tenant, as generated at
 * {@code generatedAt}. Never stored: it is computed from the catalog each time.
 */
public record RecordOfProcessing(
        UUID tenantId,
        String controller,
        Instant generatedAt,
        List<Activity> activities,
        List<DatasetRetention> retentionByDataset) {

    /** One processing activity with everything Art. 30(1) asks for. */
    public record Activity(
            String name,
            String description,
            String purpose,
            String purposeName,
            LegalBasis legalBasis,
            ProcessingRole role,
            List<String> subjectCategories,
            List<String> dataCategories,
            List<String> specialCategories,
            List<String> recipients,
            List<Transfer> transfers,
            List<Retention> retention,
            List<String> systems) {}

    /** A flow of the activity's data to another system or recipient; {@code safeguard} when outside the EEA. */
    public record Transfer(
            String flow, String to, boolean outsideEea, String destinationCountry, Safeguard safeguard) {}

    /** A retention policy that applies to the activity's data: by category or by a dataset of its systems. */
    public record Retention(String policy, String target, String period, String action, boolean enabled) {}

    /**
     * A dataset and a retention policy that governs it, with when the policy was last enforced on it (null:
     * never); a dataset that no policy governs has one entry with {@code policy} null.
     *
     * @param scope {@code dataset} for a policy of the dataset, {@code category <code>} for a category policy
     */
    public record DatasetRetention(
            String system,
            String dataset,
            String policy,
            String scope,
            String period,
            String action,
            boolean enabled,
            Instant lastEnforced) {}
}
