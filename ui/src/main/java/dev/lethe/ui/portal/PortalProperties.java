package dev.lethe.ui.portal;

import dev.lethe.ui.limits.BoundedRegex;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The data-subject portal ({@code lethe.portal.*}): what each tenant's public privacy page shows, how
 * people prove their identity, the abuse limits and the SMTP relay. See docs/portal.md.
 *
 * @param page what every tenant's page shows unless {@code tenants.<slug>} says otherwise (an empty
 *     name: the tenant's own name)
 * @param tenants per-tenant overrides of {@code page}, by tenant slug; a field left empty keeps the default
 * @param codeValidity how long a one-time code works
 * @param codeAttempts wrong codes allowed per code; then a new code must be sent
 * @param unverifiedExpiry an unverified request is canceled this long after it was filed
 * @param sweepInterval how often expired unverified requests are looked for
 * @param publicUrl where people reach Lethe, for the status link in mails; empty: the request's own host
 * @param limits how often one address or one identity may file, be sent codes and try codes
 * @param mail the SMTP relay the codes go out through
 */
@ConfigurationProperties("lethe.portal")
public record PortalProperties(
        @DefaultValue Page page,
        Map<String, Page> tenants,
        @DefaultValue("10m") Duration codeValidity,
        @DefaultValue("3") int codeAttempts,
        @DefaultValue("24h") Duration unverifiedExpiry,
        @DefaultValue("5m") Duration sweepInterval,
        @DefaultValue("") String publicUrl,
        @DefaultValue Limits limits,
        @DefaultValue Mail mail) {

    /**
     * What a tenant's page shows.
     *
     * @param name the organisation's name (empty: the tenant's name in Lethe)
     * @param contact how to reach its privacy team (e-mail address or postal address)
     * @param privacyNoticeUrl a link to its privacy notice (http or https; empty: none shown)
     * @param regulation the regulation requests filed on the page fall under (its deadlines apply;
     *     empty: GDPR)
     * @param identities the identities the form asks for besides the e-mail address, by type name
     *     ({@code phone}, {@code customer-number}...), in the form's order; none configured: the phone
     *     number, optional
     */
    public record Page(
            @DefaultValue("") String name,
            @DefaultValue("") String contact,
            @DefaultValue("") String privacyNoticeUrl,
            @DefaultValue("") String regulation,
            Map<String, Identity> identities) {

        public Page {
            identities = identities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(identities));
        }

        /** The identities the form asks for: the configured ones, or the optional phone number. */
        public Map<String, Identity> identitiesOrDefault() {
            return identities.isEmpty() ? Map.of(Identity.PHONE, Identity.phone()) : identities;
        }

        /** The regulation, GDPR unless one is configured. */
        public String regulationOrDefault() {
            return blank(regulation) ? "GDPR" : regulation;
        }

        Page overriddenBy(Page other) {
            if (other == null) {
                return this;
            }
            return new Page(
                    blank(other.name) ? name : other.name,
                    blank(other.contact) ? contact : other.contact,
                    blank(other.privacyNoticeUrl) ? privacyNoticeUrl : other.privacyNoticeUrl,
                    blank(other.regulation) ? regulation : other.regulation,
                    other.identities.isEmpty() ? identities : other.identities);
        }
    }

    /**
     * An identity a tenant's form asks for besides the e-mail address (which it always asks for: the code
     * goes to it). Stored with the request as identity type {@code <name>} with {@code -} as {@code _}
     * ({@code customer-number} → {@code customer_number}), for the connectors to find the subject by; never
     * looked up when filed.
     *
     * @param maxLength at most this many characters (1 to 256)
     * @param pattern a regular expression the whole value must match; empty: any text without control
     *     characters
     * @param required whether the form is refused without it
     * @param label the field's label by language ({@code en}, {@code de}, {@code fr}), for a type the message
     *     bundles do not name ({@code portal.identity.<name>}); the bundles' label wins for its language only
     *     when none is configured for it
     */
    public record Identity(
            @DefaultValue("64") int maxLength,
            @DefaultValue("") String pattern,
            @DefaultValue("false") boolean required,
            Map<String, String> label) {

        /** The identity a page without configured ones asks for. */
        public static final String PHONE = "phone";

        /** Names of form fields the portal's forms use already: no identity may take one. */
        static final Set<String> RESERVED =
                Set.of("email", "correction", "purpose", "agent", "declaration", "challenge", "lang", "proof", "code");

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

        public Identity {
            label = label == null ? Map.of() : Map.copyOf(label);
            if (maxLength < 1 || maxLength > 256) {
                throw new IllegalArgumentException("identities.*.max-length must be between 1 and 256");
            }
            if (pattern.length() > BoundedRegex.MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException(
                        "identities.*.pattern may have at most " + BoundedRegex.MAX_PATTERN_LENGTH + " characters");
            }
            BoundedRegex.compile(pattern);
        }

        /** The optional phone number: digits, spaces and {@code + ( ) - . /}, at most 32 characters. */
        static Identity phone() {
            return new Identity(32, "\\+?[0-9][0-9 ()./-]{4,31}", false, Map.of());
        }

        /** The identity type the request keeps the value under. */
        public static String type(String name) {
            return name.replace('-', '_');
        }

        static void checkName(String name, String property) {
            if (!NAME.matcher(name).matches() || RESERVED.contains(name) || name.endsWith("-")) {
                throw new IllegalArgumentException(property + ": '" + name + "' is not an identity name: lower case"
                        + " letters, digits and '-', at most 40, not one of " + new TreeSet<>(RESERVED));
            }
        }
    }

    /**
     * Token buckets: each allows {@code count} in a {@code window}, refilled evenly. Kept in memory, so
     * per application instance.
     *
     * @param submissionsPerAddress requests filed from one IP address
     * @param submissionsPerIdentity requests filed for one identity (e-mail address) in a tenant
     * @param codeSendsPerAddress codes sent (filings and resends) on behalf of one IP address
     * @param codeSendsPerIdentity codes sent to one identity in a tenant
     * @param codeAttemptsPerAddress codes tried from one IP address
     * @param window the span each count is for
     */
    public record Limits(
            @DefaultValue("10") int submissionsPerAddress,
            @DefaultValue("3") int submissionsPerIdentity,
            @DefaultValue("20") int codeSendsPerAddress,
            @DefaultValue("5") int codeSendsPerIdentity,
            @DefaultValue("30") int codeAttemptsPerAddress,
            @DefaultValue("1h") Duration window) {}

    /**
     * The SMTP relay. With the {@code local} profile and no host, an embedded server receives the mails.
     *
     * @param host the relay's host; empty: no mail is sent (filing on the portal then fails with a notice)
     * @param port its port
     * @param username empty: no authentication
     * @param password the password for {@code username}
     * @param startTls upgrade the connection with STARTTLS and refuse a relay that does not offer it (port
     *     587 or 25)
     * @param ssl speak TLS from the first byte (implicit TLS, "SMTPS", port 465); excludes {@code startTls}
     * @param sslBundle the {@code spring.ssl.bundle.*} whose trust store the relay's certificate is checked
     *     against; empty: the JVM's default trust store. The host name is checked either way.
     * @param from the sender address of the portal's mails
     */
    public record Mail(
            @DefaultValue("") String host,
            @DefaultValue("25") int port,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("false") boolean startTls,
            @DefaultValue("false") boolean ssl,
            @DefaultValue("") String sslBundle,
            @DefaultValue("privacy@localhost") String from) {

        public Mail {
            if (startTls && ssl) {
                throw new IllegalArgumentException("lethe.portal.mail.start-tls and lethe.portal.mail.ssl exclude"
                        + " each other: ssl for a relay that speaks TLS at once (port 465), start-tls for one that"
                        + " upgrades (port 587 or 25)");
            }
            if (!sslBundle.isBlank() && !startTls && !ssl) {
                throw new IllegalArgumentException(
                        "lethe.portal.mail.ssl-bundle needs lethe.portal.mail.start-tls=true or lethe.portal.mail.ssl=true");
            }
        }

        /** Whether the relay is reached over TLS (STARTTLS or implicit), never in clear. */
        public boolean encrypted() {
            return startTls || ssl;
        }

        @Override
        public String toString() {
            return "Mail[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password.isEmpty() ? "" : "(set)") + ", startTls=" + startTls + ", ssl=" + ssl
                    + ", sslBundle=" + sslBundle + ", from=" + from + "]";
        }
    }

    public PortalProperties {
        tenants = PortalAbuseProperties.withoutNulls(tenants);
        positive(codeValidity, "code-validity");
        positive(unverifiedExpiry, "unverified-expiry");
        positive(sweepInterval, "sweep-interval");
        positive(limits.window(), "limits.window");
        if (codeAttempts < 1) {
            throw new IllegalArgumentException("lethe.portal.code-attempts must be at least 1");
        }
        if (unverifiedExpiry.compareTo(codeValidity) < 0) {
            throw new IllegalArgumentException(
                    "lethe.portal.unverified-expiry must be at least lethe.portal.code-validity");
        }
        for (int count : new int[] {
            limits.submissionsPerAddress(),
            limits.submissionsPerIdentity(),
            limits.codeSendsPerAddress(),
            limits.codeSendsPerIdentity(),
            limits.codeAttemptsPerAddress()
        }) {
            if (count < 1) {
                throw new IllegalArgumentException("lethe.portal.limits.* must be at least 1");
            }
        }
        checkUrl(page.privacyNoticeUrl(), "lethe.portal.page.privacy-notice-url");
        page.identities().keySet().forEach(name -> Identity.checkName(name, "lethe.portal.page.identities"));
        tenants.forEach((slug, override) -> {
            if (override != null) {
                override.identities()
                        .keySet()
                        .forEach(name -> Identity.checkName(name, "lethe.portal.tenants." + slug + ".identities"));
            }
        });
        tenants.forEach((slug, override) -> checkUrl(
                override == null ? "" : override.privacyNoticeUrl(),
                "lethe.portal.tenants." + slug + ".privacy-notice-url"));
    }

    /** The page of the tenant with this slug: the defaults with its overrides. */
    Page pageOf(String slug) {
        return page.overriddenBy(tenants.get(slug));
    }

    private static void positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lethe.portal." + name + " must be positive");
        }
    }

    private static void checkUrl(String url, String name) {
        if (!blank(url) && !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException(name + " must be an http or https URL");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
