package dev.lethe.vault.internal;

import dev.lethe.vault.keys.KeyId;
import java.nio.charset.StandardCharsets;

/** The associated data that binds a wrapped key to its row, so rows cannot be swapped or moved. */
final class KeyWrapping {
    private KeyWrapping() {}

    static byte[] associatedData(String tenant, KeyId keyId) {
        return ("lethe-vault/v1/key/" + tenant + "/" + keyId.hex()).getBytes(StandardCharsets.UTF_8);
    }
}
