package dev.lethe.connectors.manual;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.PendingOperations;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Systems with no API: every operation becomes a task a person does by hand and confirms with a
 * note. Its connections are {@link dev.lethe.connectors.spi.Deferring}; a request shows them as
 * waiting until the person confirms.
 */
public final class ManualTaskConnectorType implements ConnectorType {

    public static final String NAME = "manual";

    private final PendingOperations pending;

    /** @param pending where tasks are kept until a person completes them */
    public ManualTaskConnectorType(PendingOperations pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A system without an API: a person does each step by hand and confirms it with a note";
    }

    @Override
    public List<ConfigField> fields() {
        return ManualTaskConnectorConfig.FIELDS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TEST, Capability.LOCATE, Capability.ACCESS, Capability.ERASE, Capability.RECTIFY);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorRuntime runtime) {
        return new ManualTaskConnector(ManualTaskConnectorConfig.from(config), pending);
    }
}
