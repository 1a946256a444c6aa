package dev.lethe.ui.portal;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.workflows.request.RequestType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person types into a portal form, as posted. Every field is size-limited and checked here,
 * before anything is stored; the values are personal data: {@link #toString()} names none.
 *
 * @param email the identity the code is sent to (required)
 * @param phone a second identity (optional)
 * @param correctionOf for a rectification: the data category to correct (a taxonomy code)
 * @param correction for a rectification: the corrected value
 * @param purpose for an objection: the purpose (a taxonomy code) objected to
 * @param agent whether an authorized agent files for the subject
 * @param declaration the agent's declaration that they are authorized (required when {@code agent})
 */
record PortalForm(
        String email,
        String phone,
        String correctionOf,
        String correction,
        String purpose,
        boolean agent,
        boolean declaration) {

    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 32;
    static final int CORRECTION_MAX = 500;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{4,31}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62}){0,3}");

    static PortalForm empty() {
        return new PortalForm("", "", "", "", "", false, false);
    }

    PortalForm {
        email = trimmed(email);
        phone = trimmed(phone);
        correctionOf = trimmed(correctionOf);
        correction = trimmed(correction);
        purpose = trimmed(purpose);
    }

    /**
     * Field → message key of what is wrong with it, for a request of {@code type}; empty when the form
     * is complete. {@code categories} and {@code purposes} are the codes the tenant's taxonomy knows.
     */
    Map<String, String> problems(RequestType type, Set<String> categories, Set<String> purposes) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (email.isEmpty()) {
            problems.put("email", "portal.error.email.required");
        } else if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            problems.put("email", "portal.error.email.invalid");
        }
        if (!phone.isEmpty()
                && (phone.length() > PHONE_MAX || !PHONE.matcher(phone).matches())) {
            problems.put("phone", "portal.error.phone.invalid");
        }
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
        if (agent && !declaration) {
            problems.put("declaration", "portal.error.declaration.required");
        }
        return problems;
    }

    /** The identities as the request keeps them (sealed): the e-mail address, and the phone if given. */
    Identities identities() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", email.toLowerCase(Locale.ROOT));
        if (!phone.isEmpty()) {
            values.put("phone", phone);
        }
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
        return "PortalForm[phone " + !phone.isEmpty() + ", agent " + agent + "]";
    }
}
