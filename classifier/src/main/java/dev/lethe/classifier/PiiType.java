package dev.lethe.classifier;

/**
 * The kinds of personal data and secrets the classifier finds. The names are canonical ids shared with
 * the catalog and the CLI; each maps to one data category of the catalog.
 */
public enum PiiType {
    EMAIL_ADDRESS("contact.email"),
    PHONE_NUMBER("contact.phone"),
    IP_ADDRESS("online.ip_address"),
    MAC_ADDRESS("online.device_id"),
    URL("online.url"),
    URL_CREDENTIALS("secret.credentials"),
    GEO_COORDINATES("location.coordinates"),
    CREDIT_CARD("financial.card"),
    IBAN("financial.bank_account"),
    SWIFT_BIC("financial.bank_identifier"),
    CRYPTO_WALLET("financial.crypto_wallet"),
    US_SSN("government_id.national"),
    US_ITIN("government_id.tax"),
    UK_NINO("government_id.national"),
    UK_NHS("government_id.health"),
    DE_TAX_ID("government_id.tax"),
    FR_NIR("government_id.national"),
    ES_DNI("government_id.national"),
    IT_FISCAL_CODE("government_id.tax"),
    NL_BSN("government_id.national"),
    PL_PESEL("government_id.national"),
    SE_PERSONNUMMER("government_id.national"),
    FI_HETU("government_id.national"),
    BE_NATIONAL_NUMBER("government_id.national"),
    EU_VAT("government_id.tax"),
    PASSPORT("government_id.passport"),
    PERSON_NAME("identity.name"),
    POSTAL_ADDRESS("contact.address"),
    /** A town, region or country named in prose: a quasi-identifier rather than a contact detail. */
    LOCATION("location.place"),
    /** An employer, school, club or other organisation named in prose. */
    ORGANIZATION("identity.organization"),
    DATE_OF_BIRTH("identity.date_of_birth"),
    GENDER("identity.gender"),
    AGE("identity.age"),
    /** A nationality or citizenship named in prose ("she is Nigerian", "polnische Staatsbürgerin"). */
    NATIONALITY("identity.nationality"),
    /** A religion or religious group named about someone: a hint of GDPR Art. 9 data. */
    RELIGION("special.religious_beliefs"),
    /** A political party or movement named about someone: a hint of GDPR Art. 9 data. */
    POLITICAL_GROUP("special.political_opinions"),
    /** A title or honorific before a name ("Dr.", "Mrs", "Frau"): reveals gender or profession. */
    TITLE("identity.title"),
    /** An absolute date or clock time in prose ("since March 2019", "on 12/03/2021", "after 5pm"). */
    DATE_TIME("identity.date_time"),
    /** A postal code on its own, after a postcode word ("zip 94103", "PLZ 10435"). */
    ZIP_CODE("location.postal_code"),
    /** A domain name without a scheme ("example.co.uk"). */
    DOMAIN_NAME("online.domain"),
    /** A user name or handle ("@anna_k", "username: jdoe"). */
    USERNAME("online.username"),
    PRIVATE_KEY("secret.private_key"),
    JWT("secret.token"),
    AWS_ACCESS_KEY("secret.cloud_key"),
    API_KEY("secret.api_key"),
    PASSWORD("secret.password"),
    /** A field whose name reveals GDPR Art. 9 data (health, religion ...) and whose value matched no other type. */
    SPECIAL_CATEGORY("special");

    private final String category;

    PiiType(String category) {
        this.category = category;
    }

    /** The catalog's data category, e.g. {@code contact.email}, {@code financial.card}. */
    public String category() {
        return category;
    }

    /** Secrets must never flow downstream, whatever the policy says about personal data. */
    public boolean isSecret() {
        return category.startsWith("secret.");
    }
}
