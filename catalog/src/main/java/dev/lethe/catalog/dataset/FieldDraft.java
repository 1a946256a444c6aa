package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A field as a client writes it; categories are data-category codes of the taxonomy. */
public record FieldDraft(UUID datasetId, String path, String dataType, List<String> categories, BigDecimal confidence) {

    public FieldDraft {
        Require.present(datasetId, "datasetId");
        path = Require.text(path, "path");
        dataType = Require.optional(dataType, "dataType");
        categories = Require.texts(categories, "categories");
        if (confidence != null && (confidence.signum() < 0 || confidence.compareTo(BigDecimal.ONE) > 0)) {
            throw new InvalidInputException("confidence must be between 0 and 1");
        }
    }
}
