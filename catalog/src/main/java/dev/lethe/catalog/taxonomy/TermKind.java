package dev.lethe.catalog.taxonomy;

/** The three vocabularies of the taxonomy. */
public enum TermKind {
    /** What the data is ({@code contact.email}); special categories are GDPR Art. 9 data. */
    DATA_CATEGORY,
    /** Whom the data is about ({@code customer}, {@code employee}). */
    SUBJECT_CATEGORY,
    /** Why it is processed; each purpose has a GDPR Art. 6 legal basis. */
    PURPOSE
}
