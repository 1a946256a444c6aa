package dev.lethe.vault.kms;

/**
 * A KMS could not wrap, unwrap or manage a key. {@link #isRetriable()} tells transient failures (I/O,
 * timeouts, 5xx) from permanent ones (bad credentials, unknown key, a ciphertext that does not decrypt).
 * Messages never contain key material or plaintext.
 */
public class KmsException extends RuntimeException {
    private final boolean retriable;

    public KmsException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public KmsException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public boolean isRetriable() {
        return retriable;
    }
}
