package dev.lethe.app.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection setting as it may appear in a start-up message: scheme, host, port and path only.
 * A JDBC URL can carry {@code password=} in its query, an Elasticsearch URI {@code user:pass@} in
 * front of the host; neither may reach a log or an exception, so both are dropped rather than
 * matched one by one.
 */
final class MaskedSetting {

    private MaskedSetting() {}

    /** Each comma-separated address of {@code value}, without credentials, query or fragment. */
    static String of(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            parts.add(address(part.trim()));
        }
        return String.join(",", parts);
    }

    private static String address(String part) {
        String prefix = part.startsWith("jdbc:") ? "jdbc:" : "";
        String text = part.substring(prefix.length());
        boolean hostList = !text.contains("://");
        try {
            URI uri = URI.create(hostList ? "tcp://" + text : text);
            if (uri.getHost() == null) {
                return "<unreadable address>";
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            if (hostList) {
                return hostPort;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return prefix + uri.getScheme() + "://" + hostPort + path;
        } catch (IllegalArgumentException e) {
            return "<unreadable address>";
        }
    }
}
