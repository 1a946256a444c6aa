package dev.lethe.ingest;

import dev.lethe.vault.TokenKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record with its personal data replaced by tokens, ready for the target topic.
 *
 * @param key the clean record key (null when the source record had none)
 * @param value the clean record value
 * @param subjectHash the keyed hash of the data subject named by the stream's subject path, or null
 *     when the record names none (then it was protected under the tenant's key)
 * @param categories the data categories found, for the locator
 * @param tokenizations how many values each token kind replaced
 * @param sightings what was found where, for the catalog
 */
public record ProtectedRecord(
        byte[] key,
        byte[] value,
        String subjectHash,
        Set<String> categories,
        Map<TokenKind, Integer> tokenizations,
        List<FieldSighting> sightings) {

    public ProtectedRecord {
        categories = Set.copyOf(categories);
        tokenizations = Map.copyOf(tokenizations);
        sightings = List.copyOf(sightings);
    }

    static ProtectedRecord unchanged(byte[] key, byte[] value) {
        return new ProtectedRecord(key, value, null, Set.of(), Map.of(), List.of());
    }
}
