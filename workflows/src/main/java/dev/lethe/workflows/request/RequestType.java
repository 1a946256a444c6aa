package dev.lethe.workflows.request;

/** What the data subject asks for, by the GDPR article that gives them the right. */
public enum RequestType {
    /** Art. 15: the subject's data and the facts of its processing. */
    ACCESS,
    /** Art. 20: the subject's data, portable and machine-readable. */
    EXPORT,
    /** Art. 17: erase the subject's data everywhere, unless a legal reason keeps it. */
    ERASURE,
    /** Art. 16: correct a value the subject says is wrong. */
    RECTIFICATION,
    /** Art. 18: keep the data but mark it restricted, so it is stored and not otherwise used. */
    RESTRICTION,
    /** Art. 21: the subject objects to processing for one purpose. */
    OBJECTION;

    /** Whether recipients of the subject's data must be told (Art. 19). */
    public boolean notifiesRecipients() {
        return this == ERASURE || this == RECTIFICATION || this == RESTRICTION;
    }

    /** Whether the request produces a package for the subject to download. */
    public boolean producesPackage() {
        return this == ACCESS || this == EXPORT;
    }
}
