package dev.lethe.ui.portal;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.ui.limits.BoundedRegex;
import dev.lethe.workflows.request.RequestType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a person types into a portal form, as posted. Every field is size-limited and checked here,
 * before anything is stored; the values are personal data: {@link #toString()} names none.
 *
 * @param email the identity the code is sent to (required)
 * @param given the other identities the tenant's form asks for ({@code lethe.portal.*.identities}), by name
 *     ({@code phone}, {@code customer-number}), as posted; an empty value: not given
 * @param correctionOf for a rectification: the data category to correct (a taxonomy code)
 * @param correction for a rectification: the corrected value
 * @param purpose for an objection: the purpose (a taxonomy code) objected to
 * @param agent whether an authorized agent files for the subject
 * @param declaration the agent's declaration that they are authorized (required when {@code agent})
 * @param agentName the agent's name (required when {@code agent})
 * @param agentRelation who the agent is to the subject and what authorizes them (required when {@code agent})
 */
record PortalForm(
        String email,
        Map<String, String> given,
        String correctionOf,
        String correction,
        String purpose,
        boolean agent,
        boolean declaration,
        String agentName,
        String agentRelation) {

    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 32;
    static final int CORRECTION_MAX = 500;
    static final int AGENT_NAME_MAX = 200;
    static final int AGENT_RELATION_MAX = 500;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62}){0,3}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CONTROL_BUT_LINES = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

    static PortalForm empty() {
        return new PortalForm("", Map.of(), "", "", "", false, false, "", "");
    }

    /** A form with the default identities: the e-mail address and an optional phone number. */
    PortalForm(
            String email,
            String phone,
            String correctionOf,
            String correction,
            String purpose,
            boolean agent,
            boolean declaration) {
        this(
                email,
                Map.of(PortalProperties.Identity.PHONE, phone == null ? "" : phone),
                correctionOf,
                correction,
                purpose,
                agent,
                declaration,
                "",
                "");
    }

    PortalForm {
        email = trimmed(email);
        Map<String, String> values = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((name, value) -> values.put(name, trimmed(value)));
        }
        given = Collections.unmodifiableMap(values);
        correctionOf = trimmed(correctionOf);
        correction = trimmed(correction);
        purpose = trimmed(purpose);
        agentName = trimmed(agentName);
        agentRelation = trimmed(agentRelation);
    }

    /** The value posted for the identity {@code name}; empty when none. */
    String value(String name) {
        return given.getOrDefault(name, "");
    }

    /** The phone number, when the form asks for one. */
    String phone() {
        return value(PortalProperties.Identity.PHONE);
    }

    /** Problems of a form that asks for the default identities (an optional phone number). */
    Map<String, String> problems(RequestType type, Set<String> categories, Set<String> purposes) {
        return problems(
                type, categories, purposes, Map.of(PortalProperties.Identity.PHONE, PortalProperties.Identity.phone()));
    }

    /**
     * Field → message key of what is wrong with it, for a request of {@code type}; empty when the form
     * is complete. {@code categories} and {@code purposes} are the codes the tenant's taxonomy knows,
     * {@code accepted} the identities its form asks for.
     */
    Map<String, String> problems(
            RequestType type,
            Set<String> categories,
            Set<String> purposes,
            Map<String, PortalProperties.Identity> accepted) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (email.isEmpty()) {
            problems.put("email", "portal.error.email.required");
        } else if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            problems.put("email", "portal.error.email.invalid");
        }
        accepted.forEach((name, identity) -> {
            String value = value(name);
            if (value.isEmpty()) {
                if (identity.required()) {
                    problems.put(name, "portal.error.identity.required");
                }
            } else if (!accepts(identity, value)) {
                problems.put(name, "portal.error.identity.invalid");
            }
        });
        if (type == RequestType.RECTIFICATION) {
            if (!CODE.matcher(correctionOf).matches() || !categories.contains(correctionOf)) {
                problems.put("correctionOf", "portal.error.correctionOf.required");
            }
            if (correction.isEmpty()) {
                problems.put("correction", "portal.error.correction.required");
            } else if (correction.length() > CORRECTION_MAX) {
                problems.put("correction", "portal.error.correction.long");
            }
        }
        if (type == RequestType.OBJECTION && (!CODE.matcher(purpose).matches() || !purposes.contains(purpose))) {
            problems.put("purpose", "portal.error.purpose.required");
        }
        if (agent) {
            if (!declaration) {
                problems.put("declaration", "portal.error.declaration.required");
            }
            if (agentName.isEmpty()) {
                problems.put("agentName", "portal.error.agentName.required");
            } else if (agentName.length() > AGENT_NAME_MAX
                    || CONTROL.matcher(agentName).find()) {
                problems.put("agentName", "portal.error.agentName.invalid");
            }
            if (agentRelation.isEmpty()) {
                problems.put("agentRelation", "portal.error.agentRelation.required");
            } else if (agentRelation.length() > AGENT_RELATION_MAX
                    || CONTROL_BUT_LINES.matcher(agentRelation).find()) {
                problems.put("agentRelation", "portal.error.agentRelation.invalid");
            }
        }
        return problems;
    }

    /** The configured identities' patterns, compiled once (as many as the configuration names). */
    private static final Map<String, BoundedRegex> PATTERNS = new ConcurrentHashMap<>();

    private static boolean accepts(PortalProperties.Identity identity, String value) {
        // The length first: the configured pattern only ever sees a value of bounded size.
        return value.length() <= identity.maxLength()
                && !CONTROL.matcher(value).find()
                && (identity.pattern().isEmpty()
                        || PATTERNS.computeIfAbsent(identity.pattern(), BoundedRegex::compile)
                                .matches(value));
    }

    /**
     * The identities as the request keeps them (sealed): the e-mail address in lower case, and every other
     * one given, under its type ({@code customer-number} as {@code customer_number}).
     */
    Identities identities() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", email.toLowerCase(Locale.ROOT));
        given.forEach((name, value) -> {
            if (!value.isEmpty()) {
                values.put(PortalProperties.Identity.type(name), value);
            }
        });
        return new Identities(values);
    }

    /** For a rectification, what is corrected to what; otherwise none. */
    Map<String, String> corrections(RequestType type) {
        return type == RequestType.RECTIFICATION ? Map.of(correctionOf, correction) : Map.of();
    }

    /** For an objection, the purpose; otherwise none. */
    String purposeFor(RequestType type) {
        return type == RequestType.OBJECTION ? purpose : null;
    }

    private static String trimmed(String value) {
        if (value == null) {
            return "";
        }
        // Longer than any field allows: cut before stripping, so a huge post costs nothing more.
        String cut = value.length() > 2 * CORRECTION_MAX ? value.substring(0, 2 * CORRECTION_MAX + 1) : value;
        return cut.strip();
    }

    @Override
    public String toString() {
        Set<String> named = new TreeSet<>();
        given.forEach((name, value) -> {
            if (!value.isEmpty()) {
                named.add(name);
            }
        });
        return "PortalForm[identities " + named + ", agent " + agent + "]";
    }
}
