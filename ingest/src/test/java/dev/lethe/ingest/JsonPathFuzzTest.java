package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the JSON paths streams name their subject by and the catalog confirms fields by (docs/security.md#fuzzing).
 * Properties: parsing either succeeds or throws {@link IllegalArgumentException}; a parsed path prints
 * as a path that parses to the same print (round trip); a member name written as a step finds that
 * member again, whatever characters it holds; a subject path a caller supplies is refused with a
 * message that never quotes it.
 */
class JsonPathFuzzTest {

    /** Never in a message of the code under test: if a message holds it, the message quotes its input. */
    static final String CANARY = "zqxj7";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest
    void pathsParseCleanlyRoundTripAndNeverEchoInErrors(FuzzedDataProvider data) {
        String name = data.consumeString(64);
        int canaryAt = data.consumeInt(0, 64);
        String path = data.consumeRemainingAsString();

        JsonPath parsed;
        try {
            parsed = JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed != null) {
            String printed = parsed.toString();
            assertThat(JsonPath.parse(printed).toString()).isEqualTo(printed);
        }

        // A member name, any characters at all, survives being written as a step and read back.
        ObjectNode record = JSON.createObjectNode();
        record.put(name, "value");
        JsonNode found = JsonPath.parse("$" + JsonPath.step(name)).find(record);
        assertThat(found).as("the member written as a step").isNotNull();
        assertThat(found.asString()).isEqualTo("value");

        // A subject path with a marker somewhere inside: accepted, or refused without quoting it.
        String marked = path.substring(0, Math.min(canaryAt, path.length()))
                + CANARY
                + path.substring(Math.min(canaryAt, path.length()));
        try {
            StreamDefinition.requireValidSubjectPath(marked);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain(CANARY);
        }
    }
}
