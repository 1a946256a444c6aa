package dev.lethe.workflows.request;

import dev.lethe.catalog.jooq.tables.records.RequestRecord;
import dev.lethe.connectors.spi.Identities;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/** A request's {@link Subject} as the JSON that is sealed into its row, and back. */
final class SubjectSealing {

    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

    private SubjectSealing() {}

    static IdentitySealing.Sealed seal(IdentitySealing sealing, UUID tenantId, UUID requestId, Subject subject) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("identities", subject.identities().values());
        document.put("corrections", subject.corrections());
        document.put("purpose", subject.purpose());
        byte[] plain = RequestRows.JSON.writeValueAsBytes(document);
        try {
            return sealing.seal(tenantId, requestId, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @SuppressWarnings("unchecked")
    static Subject open(IdentitySealing sealing, UUID tenantId, UUID requestId, RequestRecord request) {
        byte[] plain = sealing.open(
                tenantId,
                requestId,
                new IdentitySealing.Sealed(request.getSubject(), request.getSubjectDek(), request.getKekVersion()));
        try {
            Map<String, Object> document =
                    RequestRows.JSON.readValue(new String(plain, StandardCharsets.UTF_8), DOCUMENT);
            return new Subject(
                    new Identities((Map<String, String>) document.get("identities")),
                    (Map<String, String>) document.get("corrections"),
                    (String) document.get("purpose"));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
