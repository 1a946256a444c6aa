package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.guard.GuardedTarget;
import java.net.Inet6Address;

/**
 * The host a JDBC URL names. Normally the address the guard checked (no second lookup: DNS
 * rebinding). With {@code verify-full} the driver must check the certificate against the host name,
 * so the URL names the host and the driver looks it up again: a name that now points elsewhere
 * reaches at most a TLS handshake there, which fails, since that server holds no certificate for
 * the name; nothing is sent before the server proved who it is.
 */
public final class JdbcHosts {

    private JdbcHosts() {}

    public static String urlHost(GuardedTarget target, boolean byName) {
        String host = byName ? target.host() : target.address().getHostAddress();
        boolean ipv6 = byName ? host.indexOf(':') >= 0 : target.address() instanceof Inet6Address;
        return ipv6 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
