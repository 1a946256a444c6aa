package dev.lethe.classifier;

/** The special categories of personal data of GDPR Art. 9(1), recognised from field names. */
public enum SpecialCategory {
    HEALTH("special.health"),
    GENETIC("special.genetic"),
    BIOMETRIC("special.biometric"),
    RACIAL_ETHNIC_ORIGIN("special.ethnicity"),
    POLITICAL_OPINION("special.political_opinion"),
    RELIGION("special.religion"),
    TRADE_UNION("special.trade_union"),
    SEX_LIFE_ORIENTATION("special.sexual_orientation");

    private final String category;

    SpecialCategory(String category) {
        this.category = category;
    }

    /** The catalog's data category for this special category, e.g. {@code special.health}. */
    public String category() {
        return category;
    }
}
