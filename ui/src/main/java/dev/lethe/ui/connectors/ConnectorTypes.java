package dev.lethe.ui.connectors;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConnectorType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The connector types this application offers: every {@link ConnectorType} bean, by name. Adding a
 * type is adding one bean. Immutable and thread-safe.
 */
public final class ConnectorTypes {

    private final Map<String, ConnectorType> byName = new TreeMap<>();

    public ConnectorTypes(List<ConnectorType> types) {
        for (ConnectorType type : types) {
            if (!type.capabilities().contains(Capability.TEST)) {
                throw new IllegalStateException("The connector type " + type.name() + " has no TEST capability");
            }
            ConnectorType previous = byName.putIfAbsent(type.name(), type);
            if (previous != null) {
                throw new IllegalStateException("Two connector types are named " + type.name() + ": "
                        + previous.getClass().getName() + " and "
                        + type.getClass().getName());
            }
        }
    }

    /** Every type, by name. */
    public Collection<ConnectorType> all() {
        return byName.values();
    }

    public Optional<ConnectorType> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** @throws UnknownTypeException naming the types there are */
    public ConnectorType require(String name) {
        return find(name).orElseThrow(() -> new UnknownTypeException(name, byName.keySet()));
    }

    /** A registration names a type this application does not have. */
    public static final class UnknownTypeException extends RuntimeException {

        UnknownTypeException(String name, Collection<String> known) {
            super((name == null || name.isBlank() ? "type is required" : "type '" + name + "' is unknown")
                    + "; the types are " + List.copyOf(known));
        }
    }
}
