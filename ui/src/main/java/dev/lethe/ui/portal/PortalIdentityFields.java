package dev.lethe.ui.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * The identity fields of a tenant's form besides the e-mail address ({@code lethe.portal.page.identities},
 * {@code lethe.portal.tenants.<slug>.identities}): which the form shows, with their labels and messages in
 * the person's language, and which values a post gives for them (only those: other parameters are not
 * identities). Thread-safe.
 */
class PortalIdentityFields {

    /**
     * One identity field as the page shows it.
     *
     * @param label in the person's language
     * @param inputType the HTML input type ({@code tel} for a phone number, else {@code text})
     * @param error what is wrong with the posted value, in the person's language; null when nothing
     */
    record Input(
            String name,
            String label,
            boolean required,
            int maxLength,
            String inputType,
            String autocomplete,
            String value,
            String error) {}

    private final PortalProperties properties;
    private final MessageSource messages;

    PortalIdentityFields(PortalProperties properties, MessageSource messages) {
        this.properties = properties;
        this.messages = messages;
    }

    /** The identities the tenant's form asks for besides the e-mail address, in the form's order. */
    Map<String, PortalProperties.Identity> accepted(String slug) {
        return properties.pageOf(slug).identitiesOrDefault();
    }

    /** The values posted for the tenant's identities; absent ones are empty. */
    Map<String, String> posted(String slug, HttpServletRequest http) {
        Map<String, String> values = new LinkedHashMap<>();
        accepted(slug).keySet().forEach(name -> {
            String value = http.getParameter(name);
            values.put(name, value == null ? "" : value);
        });
        return values;
    }

    /** The fields as the form shows them, with the values of {@code form} and the messages of {@code problems}. */
    List<Input> inputs(String slug, PortalForm form, Map<String, String> problems, Locale locale) {
        return accepted(slug).entrySet().stream()
                .map(entry -> {
                    String name = entry.getKey();
                    PortalProperties.Identity identity = entry.getValue();
                    boolean phone = PortalProperties.Identity.PHONE.equals(name);
                    String problem = problems.get(name);
                    return new Input(
                            name,
                            label(name, identity, locale),
                            identity.required(),
                            identity.maxLength(),
                            phone ? "tel" : "text",
                            phone ? "tel" : "off",
                            form.value(name),
                            problem == null ? null : error(name, problem, identity, locale));
                })
                .toList();
    }

    /** The configured label for the language, else the bundles' ({@code portal.identity.<name>}), else English. */
    private String label(String name, PortalProperties.Identity identity, Locale locale) {
        String configured = identity.label().get(locale.getLanguage());
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String bundled = messages.getMessage("portal.identity." + name, null, null, locale);
        if (bundled != null) {
            return bundled;
        }
        return identity.label().getOrDefault("en", name);
    }

    /** A message of the identity's own ({@code portal.error.identity.phone.invalid}) or the general one. */
    private String error(String name, String problem, PortalProperties.Identity identity, Locale locale) {
        Object[] arguments = {identity.maxLength()};
        String own = problem.replace("portal.error.identity.", "portal.error.identity." + name + ".");
        String specific = messages.getMessage(own, arguments, null, locale);
        return specific != null ? specific : messages.getMessage(problem, arguments, locale);
    }
}
