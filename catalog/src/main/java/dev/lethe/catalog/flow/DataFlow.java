package dev.lethe.catalog.flow;

import dev.lethe.catalog.change.Revision;
import java.util.List;
import java.util.UUID;

/**
 * Personal data moving from a system (optionally one dataset of it) to another system or to an
 * external recipient.
 *
 * @param activityId the processing activity the flow serves, or null
 * @param externalRecipient set exactly when {@code toSystemId} is null
 * @param safeguard required when {@code outsideEea}
 */
public record DataFlow(
        UUID id,
        String name,
        UUID activityId,
        UUID fromSystemId,
        UUID fromDatasetId,
        UUID toSystemId,
        UUID toDatasetId,
        String externalRecipient,
        List<String> dataCategories,
        String purpose,
        boolean outsideEea,
        String destinationCountry,
        Safeguard safeguard,
        Revision revision) {}
