package dev.lethe.catalog.processing;

import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.util.List;
import java.util.UUID;

/** A processing activity: one line of the record of processing (GDPR Art. 30). */
public record ProcessingActivity(
        UUID id,
        String name,
        String description,
        String purpose,
        LegalBasis legalBasis,
        ProcessingRole role,
        List<String> subjectCategories,
        List<String> dataCategories,
        List<String> recipients,
        List<SystemRef> systems,
        Revision revision) {}
