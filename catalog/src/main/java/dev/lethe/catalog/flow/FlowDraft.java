package dev.lethe.catalog.flow;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.util.List;
import java.util.UUID;

/** A data flow as a client writes it. */
public record FlowDraft(
        String name,
        UUID activityId,
        UUID fromSystemId,
        UUID fromDatasetId,
        UUID toSystemId,
        UUID toDatasetId,
        String externalRecipient,
        List<String> dataCategories,
        String purpose,
        Boolean outsideEea,
        String destinationCountry,
        String safeguard) {

    public FlowDraft {
        name = Require.text(name, "name");
        Require.present(fromSystemId, "fromSystemId");
        externalRecipient = externalRecipient == null || externalRecipient.isBlank()
                ? null
                : Require.text(externalRecipient, "externalRecipient");
        if ((toSystemId == null) == (externalRecipient == null)) {
            throw new InvalidInputException("A flow goes to either toSystemId or externalRecipient");
        }
        if (toSystemId == null && toDatasetId != null) {
            throw new InvalidInputException("toDatasetId needs toSystemId");
        }
        dataCategories = Require.texts(dataCategories, "dataCategories");
        purpose = purpose == null || purpose.isBlank() ? null : purpose.strip();
        outsideEea = outsideEea != null && outsideEea;
        destinationCountry = Require.optional(destinationCountry, "destinationCountry");
        safeguard = safeguard == null
                ? null
                : Require.oneOf(Safeguard.class, safeguard, "safeguard").name();
        if (outsideEea && safeguard == null) {
            throw new InvalidInputException(
                    "A transfer outside the EEA needs a safeguard, one of " + List.of(Safeguard.values()));
        }
    }
}
