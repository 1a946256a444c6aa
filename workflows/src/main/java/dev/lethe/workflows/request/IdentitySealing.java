package dev.lethe.workflows.request;

import java.util.Objects;
import java.util.UUID;

/**
 * Seals what a request knows of its subject (identities, corrected values, the purpose objected to)
 * before it is stored, and opens it for the activities that need it. The application implements it
 * with its envelope encryption (a data key per request wrapped by the vault's KMS, tenant and request
 * bound as associated data), so a sealed value copied to another row or tenant does not open.
 */
public interface IdentitySealing {

    /** A sealed value and its data key, wrapped under KEK version {@code kekVersion}. */
    record Sealed(byte[] ciphertext, byte[] wrappedKey, int kekVersion) {

        public Sealed {
            Objects.requireNonNull(ciphertext, "ciphertext");
            Objects.requireNonNull(wrappedKey, "wrappedKey");
        }

        @Override
        public String toString() {
            return "Sealed[" + ciphertext.length + " bytes, KEK version " + kekVersion + "]";
        }
    }

    Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext);

    /** @throws IllegalStateException when the value does not open (tampered or moved) */
    byte[] open(UUID tenantId, UUID requestId, Sealed sealed);
}
