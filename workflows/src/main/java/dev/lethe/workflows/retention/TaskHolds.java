package dev.lethe.workflows.retention;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.taxonomy.Categories;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which legal holds keep a task from running, decided from plain catalog records (no I/O): at planning and
 * again right before the purge. A hold on the system or the dataset holds the whole task; a hold on a data
 * category holds a DELETE of a dataset with a field of that category, and an ANONYMIZE that would erase a
 * field of it. Holds on subjects never hold a task: the purge leaves the held subjects' records.
 */
final class TaskHolds {

    private TaskHolds() {}

    /** The first active hold that covers the task, if any. */
    static Optional<LegalHold> covering(
            Dataset dataset, String action, List<AnonymizedField> anonymize, Collection<LegalHold> holds, Instant now) {
        Set<String> touched = "ANONYMIZE".equals(action)
                ? anonymize.stream().map(AnonymizedField::category).collect(Collectors.toSet())
                : fields(dataset).stream()
                        .flatMap(field -> field.categories().stream())
                        .collect(Collectors.toSet());
        return holds.stream()
                .filter(hold -> hold.activeAt(now))
                .filter(hold -> dataset.systemId().equals(hold.systemId())
                        || dataset.id().equals(hold.datasetId())
                        || (hold.dataCategory() != null
                                && touched.stream().anyMatch(code -> Categories.overlap(code, hold.dataCategory()))))
                .findFirst();
    }

    /** The subjects' hashes under active holds on subjects. */
    static Set<String> heldSubjectHashes(Collection<LegalHold> holds, Instant now) {
        return holds.stream()
                .filter(hold -> hold.activeAt(now) && hold.subjectHashes() != null)
                .flatMap(hold -> hold.subjectHashes().stream())
                .collect(Collectors.toSet());
    }

    /** The dataset's fields that hold identities: path → identity type (what a held subject is found by). */
    static Map<String, String> identityFields(Dataset dataset) {
        Map<String, String> identities = new LinkedHashMap<>();
        fields(dataset).stream()
                .filter(field -> field.identityType() != null)
                .forEach(field -> identities.put(field.path(), field.identityType()));
        return identities;
    }

    static String reason(LegalHold hold) {
        return "legal hold " + hold.id();
    }

    /** The fields the catalog lists and nobody rejected, in path order. */
    static List<DataField> fields(Dataset dataset) {
        return dataset.fields().stream()
                .filter(field -> field.status() != FieldStatus.REJECTED)
                .sorted(java.util.Comparator.comparing(DataField::path))
                .toList();
    }
}
