package dev.lethe.connectors.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A destination the guard checked: connect to {@link #address()}, the address that was checked,
 * never to {@link #host()} again (a second lookup could answer differently: DNS rebinding). The
 * host name stays for TLS (SNI, certificate check) and the HTTP {@code Host} header.
 */
public record GuardedTarget(String host, InetAddress address, int port) {

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
