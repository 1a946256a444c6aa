package dev.lethe.connectors.spi;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import java.util.Objects;

/**
 * What Lethe gives every connection it opens: the guard every outbound connection goes through,
 * the classifier that discovery samples with and REDACT_TEXT redacts with, and the vault's hashes
 * and tokens for HASH and TOKENIZE.
 */
public record ConnectorRuntime(OutboundGuard guard, PiiClassifier classifier, ValueProtection protection) {

    public ConnectorRuntime {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(protection, "protection");
    }

    /** A runtime without the vault: everything but HASH and TOKENIZE. */
    public ConnectorRuntime(OutboundGuard guard, PiiClassifier classifier) {
        this(guard, classifier, ValueProtection.unavailable());
    }
}
