package dev.lethe.catalog.flow;

/** What makes a transfer outside the EEA lawful (GDPR Art. 45-49). */
public enum Safeguard {
    ADEQUACY_DECISION,
    STANDARD_CONTRACTUAL_CLAUSES,
    BINDING_CORPORATE_RULES,
    CODE_OF_CONDUCT,
    CERTIFICATION,
    DEROGATION
}
