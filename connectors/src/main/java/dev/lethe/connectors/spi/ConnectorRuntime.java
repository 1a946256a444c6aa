package dev.lethe.connectors.spi;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import java.util.Objects;

/**
 * What Lethe gives every connection it opens: the guard every outbound connection goes through,
 * and the classifier that discovery samples with.
 */
public record ConnectorRuntime(OutboundGuard guard, PiiClassifier classifier) {

    public ConnectorRuntime {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(classifier, "classifier");
    }
}
