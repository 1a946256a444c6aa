package dev.lethe.catalog.taxonomy;

/** The lawful bases of GDPR Art. 6(1), (a) to (f). */
public enum LegalBasis {
    CONSENT,
    CONTRACT,
    LEGAL_OBLIGATION,
    VITAL_INTERESTS,
    PUBLIC_TASK,
    LEGITIMATE_INTERESTS
}
