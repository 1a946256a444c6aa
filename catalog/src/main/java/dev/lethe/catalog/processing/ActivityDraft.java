package dev.lethe.catalog.processing;

import dev.lethe.catalog.change.Require;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.util.List;
import java.util.UUID;

/**
 * A processing activity as a client writes it. {@code purpose} is a purpose code of the taxonomy;
 * {@code legalBasis} defaults to that purpose's basis; {@code role} to CONTROLLER.
 */
public record ActivityDraft(
        String name,
        String description,
        String purpose,
        String legalBasis,
        String role,
        List<String> subjectCategories,
        List<String> dataCategories,
        List<String> recipients,
        List<UUID> systemIds) {

    public ActivityDraft {
        name = Require.text(name, "name");
        description = Require.optional(description, "description");
        purpose = Require.text(purpose, "purpose");
        legalBasis = legalBasis == null
                ? null
                : Require.oneOf(LegalBasis.class, legalBasis, "legalBasis").name();
        role = role == null
                ? ProcessingRole.CONTROLLER.name()
                : Require.oneOf(ProcessingRole.class, role, "role").name();
        subjectCategories = Require.texts(subjectCategories, "subjectCategories");
        dataCategories = Require.texts(dataCategories, "dataCategories");
        recipients = Require.texts(recipients, "recipients");
        systemIds =
                systemIds == null ? List.of() : systemIds.stream().distinct().toList();
    }
}
