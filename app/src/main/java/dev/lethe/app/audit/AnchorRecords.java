package dev.lethe.app.audit;

import dev.lethe.catalog.audit.CheckpointAnchor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One anchor as a self-contained JSON object (a Kafka record's value, a line of the anchor file):
 * {@code {"v":1,"tenant","seq","hash","signedAt","keyId","signature" (Base64),"publicKeySha256"}}.
 */
final class AnchorRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnchorRecords() {}

    static String encode(CheckpointAnchor anchor) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("v", 1);
        value.put("tenant", anchor.tenantId().toString());
        value.put("seq", anchor.seq());
        value.put("hash", anchor.headHash());
        value.put("signedAt", anchor.signedAt().toString());
        value.put("keyId", anchor.keyId());
        value.put("signature", Base64.getEncoder().encodeToString(anchor.signature()));
        value.put("publicKeySha256", anchor.publicKeySha256());
        return JSON.writeValueAsString(value);
    }

    /** Empty for anything that isn't a well-formed anchor (it can vouch for nothing). */
    static Optional<CheckpointAnchor> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node.path("v").asInt() != 1) {
                return Optional.empty();
            }
            return Optional.of(new CheckpointAnchor(
                    UUID.fromString(node.required("tenant").asString()),
                    node.required("seq").asLong(),
                    node.required("hash").asString(),
                    Instant.parse(node.required("signedAt").asString()),
                    node.required("keyId").asString(),
                    Base64.getDecoder().decode(node.required("signature").asString()),
                    node.required("publicKeySha256").asString()));
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
