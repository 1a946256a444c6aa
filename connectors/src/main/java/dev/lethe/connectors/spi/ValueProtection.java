package dev.lethe.connectors.spi;

import java.util.UUID;

/**
 * The vault, as erasure needs it: keyed hashes and subject tokens for HASH and TOKENIZE, and a way to
 * recognise a value that already is one, so a repeated erasure leaves it alone.
 */
public interface ValueProtection {

    /** A keyed hash of {@code value} under the tenant's key: the same value gives the same hash. */
    String hash(UUID tenant, String category, String value);

    /** A token of {@code value} under the subject's key, unreadable once that key is shredded. */
    String tokenize(UUID tenant, Identities subject, String category, String value);

    /**
     * Destroys the subject's key: every token made by {@link #tokenize} for them becomes unreadable.
     *
     * @param operationId what asked for it, recorded
     */
    void shred(UUID tenant, Identities subject, String operationId);

    /** Whether {@code value} is already a hash or token of this vault. */
    boolean isProtected(String value);

    /** For a runtime without the vault: HASH and TOKENIZE fail, fatally, naming why. */
    static ValueProtection unavailable() {
        return new ValueProtection() {
            @Override
            public String hash(UUID tenant, String category, String value) {
                throw ConnectorException.fatal("HASH needs the vault, which this connection was not given", null);
            }

            @Override
            public String tokenize(UUID tenant, Identities subject, String category, String value) {
                throw ConnectorException.fatal("TOKENIZE needs the vault, which this connection was not given", null);
            }

            @Override
            public void shred(UUID tenant, Identities subject, String operationId) {
                throw ConnectorException.fatal("TOKENIZE needs the vault, which this connection was not given", null);
            }

            @Override
            public boolean isProtected(String value) {
                return false;
            }
        };
    }
}
