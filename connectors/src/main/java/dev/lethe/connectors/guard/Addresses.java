package dev.lethe.connectors.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses an outbound connection must not reach unless allowed: everything that is not a
 * public unicast address. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4)
 * are judged by the IPv4 address inside, so {@code ::ffff:127.0.0.1} is loopback too.
 */
final class Addresses {

    private record Range(Cidr cidr, String reason) {}

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "an unspecified address"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address (cloud metadata lives there)"),
            range("172.16.0.0/12", "a private address"),
            range("192.0.0.0/24", "an IETF protocol address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.168.0.0/16", "a private address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved or broadcast address"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", "an unspecified address"),
            range("::1/128", "a loopback address"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address"),
            range("fc00::/7", "a unique local (private) address"),
            range("ff00::/8", "a multicast address"),
            range("2001:db8::/32", "a documentation address"),
            range("100::/64", "a discard address"));

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\\w]*");

    private Addresses() {}

    /** Why a connection to {@code address} is refused by default, or empty for a public address. */
    static Optional<String> forbiddenReason(InetAddress address) {
        InetAddress canonical = canonical(address);
        List<Range> ranges = canonical instanceof Inet4Address ? IPV4 : IPV6;
        for (Range range : ranges) {
            if (range.cidr().contains(canonical)) {
                return Optional.of(range.reason());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), else the address. */
    static InetAddress canonical(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(b, 12); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1)) {
            return ipv4(b, 12); // ::a.b.c.d (deprecated IPv4-compatible)
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return ipv4(b, 12); // 64:ff9b::a.b.c.d (NAT64)
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b, 2); // 2002:AABB:CCDD:: (6to4)
        }
        return address;
    }

    static boolean looksLiteral(String text) {
        return IPV4_LITERAL.matcher(text).matches()
                || text.indexOf(':') >= 0 && IPV6_LITERAL.matcher(text).matches();
    }

    private static InetAddress ipv4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Range range(String cidr, String reason) {
        int slash = cidr.indexOf('/');
        try {
            return new Range(
                    new Cidr(
                            InetAddress.getByName(cidr.substring(0, slash)),
                            Integer.parseInt(cidr.substring(slash + 1))),
                    reason);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }
}
