package dev.lethe.catalog.reference;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.util.List;
import java.util.UUID;

/** A reference as a person adds it: from fields of one dataset to the fields of another they hold. */
public record ReferenceDraft(List<String> fromFields, UUID toDatasetId, List<String> toFields) {

    public ReferenceDraft {
        Require.present(toDatasetId, "toDatasetId");
        fromFields = Require.texts(fromFields, "fromFields");
        toFields = Require.texts(toFields, "toFields");
        if (fromFields.isEmpty() || fromFields.size() != toFields.size()) {
            throw new InvalidInputException(
                    "fromFields and toFields pair one or more fields: the same number, each once");
        }
        if (fromFields.size() > 32) {
            throw new InvalidInputException("a reference pairs at most 32 fields");
        }
    }
}
