package dev.lethe.workflows.request;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.connectors.spi.Identities;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request as an officer files it. Identities, corrections and the purpose are personal data (or
 * say something about the subject): {@link #toString()} names only their types.
 *
 * @param corrections for a RECTIFICATION only: data category or identity type → the corrected value
 * @param purpose for an OBJECTION only: the purpose (catalog code) the subject objects to
 */
public record NewRequest(
        RequestType type,
        Identities identities,
        String regulation,
        Channel channel,
        Map<String, String> corrections,
        String purpose) {

    public NewRequest {
        if (type == null) {
            throw new InvalidInputException("type is required");
        }
        if (identities == null) {
            throw new InvalidInputException("identities are required");
        }
        channel = channel == null ? Channel.API : channel;
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
        purpose = purpose == null || purpose.isBlank() ? null : purpose.strip();
        if (type == RequestType.RECTIFICATION && corrections.isEmpty()) {
            throw new InvalidInputException("a rectification needs corrections (what → the corrected value)");
        }
        if (type != RequestType.RECTIFICATION && !corrections.isEmpty()) {
            throw new InvalidInputException("only a rectification takes corrections");
        }
        corrections.forEach((what, value) -> {
            if (what == null || !what.matches("[a-z][a-z0-9_.]{0,126}") || value == null || value.isBlank()) {
                throw new InvalidInputException(
                        "corrections map a data category or identity type to a value that is not blank");
            }
        });
        if (type == RequestType.OBJECTION && purpose == null) {
            throw new InvalidInputException("an objection needs the purpose objected to");
        }
        if (type != RequestType.OBJECTION && purpose != null) {
            throw new InvalidInputException("only an objection takes a purpose");
        }
        Objects.requireNonNull(channel);
    }

    @Override
    public String toString() {
        return "NewRequest[" + type + ", " + identities + ", " + regulation + ", " + channel + ", corrections "
                + new TreeMap<>(corrections).keySet() + "]";
    }
}
