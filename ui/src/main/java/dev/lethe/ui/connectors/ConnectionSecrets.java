package dev.lethe.ui.connectors;

import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.Sealing.SealedBox;
import dev.lethe.vault.kms.WrappedDek;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection's secret settings sealed as JSON ({@link Sealing}, tenant and connection id as associated
 * data), so sealed secrets copied to another row (or tenant) do not open. Thread-safe.
 */
public final class ConnectionSecrets {

    static final String LABEL = "lethe-connection/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {};

    private final Sealing sealing;

    public ConnectionSecrets(Kms kms) {
        this.sealing = new Sealing(kms, LABEL);
    }

    SealedBox seal(UUID tenant, UUID connection, Map<String, String> secrets) {
        byte[] plaintext = JSON.writeValueAsBytes(new TreeMap<>(secrets));
        try {
            return sealing.seal(tenant, connection, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** @throws IllegalStateException when the secrets do not open (tampered, moved, or the KEK version retired) */
    Map<String, String> open(UUID tenant, UUID connection, SealedBox sealed) {
        byte[] plaintext = sealing.open(tenant, connection, sealed);
        try {
            return Map.copyOf(JSON.readValue(plaintext, SETTINGS));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The data key wrapped under the KMS's primary KEK version. */
    WrappedDek rewrap(UUID tenant, UUID connection, WrappedDek dataKey) {
        return sealing.rewrap(tenant, connection, dataKey);
    }

    public Sealing sealing() {
        return sealing;
    }
}
