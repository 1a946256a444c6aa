package dev.lethe.connectors.guard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one gate for every host and URL Lethe connects to on a user's behalf (connectors, webhooks).
 * Loopback, link-local (cloud metadata at 169.254.169.254), private, shared, multicast, reserved
 * addresses and their IPv6 equivalents are refused unless an administrator allowed them
 * ({@code lethe.connectors.allowed-targets}). The name is resolved once and every address it
 * resolves to is checked; the caller connects to the checked address ({@link GuardedTarget}). The
 * guard cannot be switched off: the allow-list is the only way through.
 *
 * <p>Thread-safe and immutable.
 */
public final class OutboundGuard {

    /** Name resolution, replaceable so tests can make a name resolve to any address. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    static final Resolver SYSTEM_RESOLVER = host -> Arrays.asList(InetAddress.getAllByName(host));

    private final List<AllowedTarget> allowed;
    private final Resolver resolver;

    public OutboundGuard(List<AllowedTarget> allowed) {
        this(allowed, SYSTEM_RESOLVER);
    }

    public OutboundGuard(List<AllowedTarget> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** A guard from the comma-separated setting; blank allows nothing beyond public addresses. */
    public static OutboundGuard fromSetting(String allowedTargets) {
        if (allowedTargets == null || allowedTargets.isBlank()) {
            return new OutboundGuard(List.of());
        }
        return new OutboundGuard(Arrays.stream(allowedTargets.split(","))
                .map(AllowedTarget::parse)
                .toList());
    }

    public List<AllowedTarget> allowed() {
        return allowed;
    }

    /**
     * Resolves {@code host} once and checks every address it has.
     *
     * @throws OutboundRefusedException when the name does not resolve, or one of its addresses is not
     *     public and not allowed
     */
    public GuardedTarget check(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new OutboundRefusedException(String.valueOf(host), "A connection needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new OutboundRefusedException(host, "Port " + port + " of " + host + " is outside 1-65535");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        name = name.toLowerCase(Locale.ROOT);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException(host, "The host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new OutboundRefusedException(host, "The host " + host + " does not resolve");
        }
        // Every address is checked, not only the first: a client library may try the next one.
        for (InetAddress address : addresses) {
            Optional<String> reason = Addresses.forbiddenReason(address);
            if (reason.isPresent() && !isAllowed(name, address, port)) {
                throw new OutboundRefusedException(
                        host,
                        "Connections to " + host + " (" + address.getHostAddress() + ") are refused: it is "
                                + reason.get() + ". An administrator can allow it in lethe.connectors.allowed-targets");
            }
        }
        return new GuardedTarget(name, addresses.getFirst(), port);
    }

    /** Checks the host and port of a URL ({@code http}, {@code https}, or any scheme with a port). */
    public GuardedTarget check(URI url) {
        if (url.getHost() == null) {
            throw new OutboundRefusedException("", "A URL without a host cannot be reached");
        }
        int port = url.getPort() > 0 ? url.getPort() : defaultPort(url);
        return check(url.getHost(), port);
    }

    /**
     * Checks an {@code http} or {@code https} URL; any other scheme ({@code file:}, {@code gopher:},
     * {@code jar:}, ...) is refused whatever its host.
     */
    public GuardedTarget checkHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundRefusedException(
                    String.valueOf(url.getHost()), "Only http and https URLs are fetched, not '" + scheme + ":'");
        }
        return check(url);
    }

    private boolean isAllowed(String host, InetAddress address, int port) {
        return allowed.stream().anyMatch(target -> target.allows(host, address, port));
    }

    private static int defaultPort(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> throw new OutboundRefusedException(url.getHost(), "A " + scheme + " URL needs a port");
        };
    }
}
