package dev.lethe.connectors.guard;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
record Cidr(InetAddress network, int prefixLength) {

    Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(
                    "a prefix length of " + prefixLength + " does not fit " + bits + " bits");
        }
    }

    /** Parses {@code address/prefix}; the address must be a literal, never a name to resolve. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range (address/prefix)");
        }
        InetAddress network = literal(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
        }
        return new Cidr(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = Addresses.canonical(address).getAddress();
        byte[] base = Addresses.canonical(network).getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != base[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[full] & mask) == (base[full] & mask);
    }

    /** An IPv4 or IPv6 literal, refused when it would need a DNS lookup. */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!Addresses.looksLiteral(bare)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    @Override
    public String toString() {
        String host = network instanceof Inet4Address ? network.getHostAddress() : "[" + network.getHostAddress() + "]";
        return host + "/" + prefixLength;
    }
}
