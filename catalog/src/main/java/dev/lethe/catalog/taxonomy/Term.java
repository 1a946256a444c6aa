package dev.lethe.catalog.taxonomy;

import dev.lethe.catalog.change.Revision;

/**
 * One entry of the taxonomy. Built-in terms ship with Lethe and have no revision; a tenant's own
 * terms do.
 *
 * @param special a GDPR Art. 9 (or Art. 10) special category; data categories only
 * @param legalBasis purposes only, else null
 */
public record Term(
        TermKind kind,
        String code,
        String parentCode,
        String name,
        String description,
        boolean special,
        LegalBasis legalBasis,
        boolean builtIn,
        Revision revision) {}
