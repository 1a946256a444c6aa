package dev.lethe.ui.requests;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.NewRequest;
import dev.lethe.workflows.request.RequestType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form an officer fills in to enter a request on a subject's behalf, as posted. {@link #check}
 * names each field's problem (beside the field on the page) or gives the {@link NewRequest}. Values are
 * personal data: {@link #toString()} names none.
 *
 * @param corrections a rectification's corrections, one {@code what = corrected value} per line
 * @param note the officer's note for the request's timeline (free text: never in the audit trail)
 */
record RequestForm(
        String type,
        String regulation,
        String channel,
        String email,
        String phone,
        String customerId,
        String otherType,
        String otherValue,
        String corrections,
        String purpose,
        String note) {

    /** The channels an officer enters a request from; the portal's requests file themselves. */
    static final Set<Channel> OFFICER_CHANNELS = Set.of(Channel.EMAIL, Channel.API);

    static final int MAX_NOTE = 4000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{6,32}");
    private static final Pattern IDENTITY_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern CORRECTED = Pattern.compile("[a-z][a-z0-9_.]{0,126}");

    /** An empty form: GDPR, entered from an e-mail. */
    static RequestForm blank() {
        return new RequestForm(null, "GDPR", Channel.EMAIL.name(), null, null, null, null, null, null, null, null);
    }

    /** The outcome of checking the form: the request to file, or the problem of each field. */
    record Checked(NewRequest request, Map<String, String> errors) {}

    Checked check(Set<String> regulations) {
        Map<String, String> errors = new LinkedHashMap<>();
        RequestType requestType = parse(RequestType.class, type);
        if (requestType == null) {
            errors.put("type", "Choose what the subject asks for.");
        }
        String regulationName = blank(regulation) ? null : regulation.strip().toUpperCase(Locale.ROOT);
        if (regulationName == null || !regulations.contains(regulationName)) {
            errors.put("regulation", "Choose one of " + String.join(", ", regulations) + ".");
        }
        Channel requestChannel = parse(Channel.class, channel);
        if (requestChannel == null || !OFFICER_CHANNELS.contains(requestChannel)) {
            errors.put("channel", "Choose how the request reached you.");
        }
        Map<String, String> identities = identities(errors);
        Map<String, String> corrected = corrections(requestType, errors);
        // What the corrections and the purpose must be depends on the type: checked once it is known.
        if (requestType == RequestType.OBJECTION && blank(purpose)) {
            errors.put("purpose", "An objection names the purpose (its code) the subject objects to.");
        } else if (requestType != null && requestType != RequestType.OBJECTION && !blank(purpose)) {
            errors.put("purpose", "Only an objection names a purpose; leave this empty.");
        }
        if (note != null && note.length() > MAX_NOTE) {
            errors.put("note", "A note is at most " + MAX_NOTE + " characters.");
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(
                new NewRequest(
                        requestType,
                        new Identities(identities),
                        regulationName,
                        requestChannel,
                        corrected,
                        blank(purpose) ? null : purpose.strip()),
                Map.of());
    }

    private Map<String, String> identities(Map<String, String> errors) {
        Map<String, String> identities = new LinkedHashMap<>();
        if (!blank(email)) {
            if (EMAIL.matcher(email.strip()).matches()) {
                identities.put("email", email.strip());
            } else {
                errors.put("email", "Enter an e-mail address such as name@example.org.");
            }
        }
        if (!blank(phone)) {
            if (PHONE.matcher(phone.strip()).matches()) {
                identities.put("phone", phone.strip());
            } else {
                errors.put("phone", "Enter a phone number: digits, spaces and an optional leading +.");
            }
        }
        if (!blank(customerId)) {
            identities.put("customer_id", customerId.strip());
        }
        if (!blank(otherType) || !blank(otherValue)) {
            if (blank(otherType) || !IDENTITY_TYPE.matcher(otherType.strip()).matches()) {
                errors.put("otherType", "Name the identity in lower case letters, digits and _ (e.g. account_no).");
            } else if (blank(otherValue)) {
                errors.put("otherValue", "Enter the value of this identity.");
            } else {
                identities.put(otherType.strip(), otherValue.strip());
            }
        }
        if (identities.isEmpty()
                && errors.keySet().stream().noneMatch(Set.of("email", "phone", "otherType", "otherValue")::contains)) {
            errors.put("identities", "Enter at least one identity of the subject.");
        }
        return identities;
    }

    private Map<String, String> corrections(RequestType requestType, Map<String, String> errors) {
        Map<String, String> corrected = new LinkedHashMap<>();
        if (blank(corrections)) {
            if (requestType == RequestType.RECTIFICATION) {
                errors.put("corrections", "A rectification says what to correct: one 'what = corrected value' a line.");
            }
            return corrected;
        }
        if (requestType == null) {
            return corrected;
        }
        if (requestType != RequestType.RECTIFICATION) {
            errors.put("corrections", "Only a rectification takes corrections; leave this empty.");
            return corrected;
        }
        for (String line : corrections.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String what = equals < 0 ? "" : line.substring(0, equals).strip();
            String value = equals < 0 ? "" : line.substring(equals + 1).strip();
            if (!CORRECTED.matcher(what).matches() || value.isEmpty()) {
                errors.put(
                        "corrections",
                        "Write each correction as 'data category or identity type = corrected value',"
                                + " e.g. contact.postal_address = Hauptstrasse 5, Berlin.");
                return corrected;
            }
            corrected.put(what, value);
        }
        return corrected;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "RequestForm[" + type + ", " + regulation + ", " + channel + "]";
    }
}
