package dev.lethe.connectors.webhook;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.PendingOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Services with an API of their own: Lethe POSTs signed JSON ({@link WebhookSignature}) and the
 * service answers with the result at once or later, through a one-time callback URL. Its
 * connections are {@link dev.lethe.connectors.spi.Deferring}.
 */
public final class WebhookConnectorType implements ConnectorType {

    public static final String NAME = "webhook";

    private final PendingOperations pending;
    private final Backoff backoff;
    private final Clock clock;

    /** @param pending where callbacks are issued and their answers kept */
    public WebhookConnectorType(PendingOperations pending) {
        this(pending, Duration.ofMillis(500), Clock.systemUTC());
    }

    /** With a shorter first backoff, for tests that must not wait long between attempts. */
    WebhookConnectorType(PendingOperations pending, Duration backoffBase, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.backoff = new Backoff(
                backoffBase,
                Duration.ofSeconds(30),
                () -> ThreadLocalRandom.current().nextDouble());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A service with an API: signed JSON requests, answered at once or through a callback";
    }

    @Override
    public List<ConfigField> fields() {
        return WebhookConnectorConfig.FIELDS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TEST, Capability.LOCATE, Capability.ACCESS, Capability.ERASE, Capability.RECTIFY);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorRuntime runtime) {
        return new WebhookConnector(WebhookConnectorConfig.from(config), runtime, pending, backoff, clock);
    }
}
