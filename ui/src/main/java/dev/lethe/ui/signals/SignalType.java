package dev.lethe.ui.signals;

/** The kinds of security signal; {@link #label()} is the metric tag and the audit detail, never personal data. */
public enum SignalType {
    /** A principal revealed more values within the hour than the threshold allows. */
    DETOKENIZATION_VOLUME("detokenization-volume"),
    /** A principal tokenized more values through the API within the hour than the threshold allows. */
    TOKENIZE_VOLUME("tokenize-volume"),
    /** Many failed sign-ins on one account within the window. */
    SIGN_IN_FAILURES_ACCOUNT("sign-in-failures-account"),
    /** Many failed sign-ins from one client address within the window, whatever the account. */
    SIGN_IN_FAILURES_ADDRESS("sign-in-failures-address"),
    /** An API key used from a client address it was never used from before. */
    API_KEY_NEW_ADDRESS("api-key-new-address"),
    /** Many portal codes sent on behalf of one client address, or to one identity, within the window. */
    PORTAL_CODE_SENDS("portal-code-sends"),
    /** Many wrong or expired portal codes entered from one client address within the window. */
    PORTAL_FAILED_CODES("portal-failed-codes"),
    /** Requests for many different identities filed on the portal from one client address within the window. */
    PORTAL_IDENTITIES_PER_ADDRESS("portal-identities-address");

    private final String label;

    SignalType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static SignalType ofLabel(String label) {
        for (SignalType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown signal type");
    }
}
