package dev.lethe.connectors.guard;

import java.net.InetAddress;
import java.util.Locale;

/**
 * One entry of {@code lethe.connectors.allowed-targets}: a host (any port), a {@code host:port}
 * pair, or an address range in CIDR notation. A host entry matches the name the connection was
 * asked for, or the literal address it names; it never matches by reverse lookup.
 */
public sealed interface AllowedTarget {

    /** Whether a connection asked for {@code host}, resolved to {@code address}, on {@code port} is allowed. */
    boolean allows(String host, InetAddress address, int port);

    /**
     * Reads one entry: {@code db.internal}, {@code db.internal:5432}, {@code [::1]:8080},
     * {@code 10.20.0.0/16}, {@code fd00::/8}.
     *
     * @throws IllegalArgumentException naming the entry when it is none of those
     */
    static AllowedTarget parse(String entry) {
        String text = entry.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty entry");
        }
        if (text.contains("/")) {
            return new Range(Cidr.parse(text));
        }
        int lastColon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        boolean hasPort = bracketed ? text.contains("]:") : lastColon > 0 && text.indexOf(':') == lastColon;
        if (!hasPort) {
            return new Host(hostPart(text));
        }
        String host = hostPart(text.substring(0, lastColon));
        try {
            int port = Integer.parseInt(text.substring(lastColon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + entry + "' has a port outside 1-65535");
            }
            return new HostAndPort(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' has no numeric port");
        }
    }

    private static String hostPart(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + text + "' is not a host");
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean sameHost(String allowed, String host, InetAddress address) {
        if (allowed.equalsIgnoreCase(host)) {
            return true;
        }
        return Addresses.looksLiteral(allowed) && Cidr.literal(allowed).equals(address);
    }

    /** Any port of one host. */
    record Host(String host) implements AllowedTarget {
        @Override
        public boolean allows(String requested, InetAddress address, int port) {
            return sameHost(host, requested, address);
        }

        @Override
        public String toString() {
            return host;
        }
    }

    /** One port of one host. */
    record HostAndPort(String host, int port) implements AllowedTarget {
        @Override
        public boolean allows(String requested, InetAddress address, int requestedPort) {
            return port == requestedPort && sameHost(host, requested, address);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Every address in a range, any port. */
    record Range(Cidr cidr) implements AllowedTarget {
        @Override
        public boolean allows(String requested, InetAddress address, int port) {
            return cidr.contains(address);
        }

        @Override
        public String toString() {
            return cidr.toString();
        }
    }
}
