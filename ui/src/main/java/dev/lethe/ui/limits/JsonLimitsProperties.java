package dev.lethe.ui.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tools.jackson.core.StreamReadConstraints;

/**
 * What the API's JSON reader accepts (Jackson's {@link StreamReadConstraints}): a body beyond any of
 * them is refused with a {@code 400} problem that names the limit, before it is bound to anything.
 *
 * @param maxNestingDepth objects and arrays inside each other
 * @param maxNumberLength digits of one number
 * @param maxStringLength characters of one string value
 * @param maxNameLength characters of one member name
 * @param maxDocumentLength bytes of one document (the request body limit, {@code lethe.api.max-request-body},
 *     usually stops a body earlier)
 */
@ConfigurationProperties("lethe.api.json")
public record JsonLimitsProperties(
        @DefaultValue("64") int maxNestingDepth,
        @DefaultValue("100") int maxNumberLength,
        @DefaultValue("1000000") int maxStringLength,
        @DefaultValue("1000") int maxNameLength,
        @DefaultValue("16000000") long maxDocumentLength) {

    public JsonLimitsProperties {
        if (maxNestingDepth < 1
                || maxNumberLength < 1
                || maxStringLength < 1
                || maxNameLength < 1
                || maxDocumentLength < 1) {
            throw new IllegalArgumentException("lethe.api.json.*: every limit must be at least 1");
        }
    }

    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(maxNumberLength)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxNameLength)
                .maxDocumentLength(maxDocumentLength)
                .build();
    }
}
