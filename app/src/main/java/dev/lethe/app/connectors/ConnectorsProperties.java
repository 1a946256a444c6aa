package dev.lethe.app.connectors;

import dev.lethe.connectors.guard.OutboundGuard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connectors in this process.
 *
 * @param allowedTargets what the outbound guard lets through beyond public addresses: hosts, {@code
 *     host:port} pairs and CIDR ranges, comma separated (docs/connectors.md#the-outbound-guard)
 * @param embeddedTargets the embedded services of the {@code local} profile ({@code host:port} pairs),
 *     set by the launcher that starts them so a new user can try connectors against them; empty
 *     elsewhere
 * @param discoverySample how many values discovery reads per field to classify (never stored)
 * @param approvalRequired whether a connection, once registered or changed, waits for a PRIVACY_OFFICER or
 *     ADMIN other than its submitter to approve it before locate, requests and retention use it
 *     (docs/connectors.md#approval); true unless set otherwise
 */
@ConfigurationProperties("lethe.connectors")
public record ConnectorsProperties(
        @DefaultValue("") String allowedTargets,
        @DefaultValue("") String embeddedTargets,
        @DefaultValue("50") int discoverySample,
        @DefaultValue("true") boolean approvalRequired) {

    public ConnectorsProperties {
        if (discoverySample < 0 || discoverySample > 10_000) {
            throw new IllegalArgumentException("lethe.connectors.discovery-sample is between 0 and 10000");
        }
        try {
            OutboundGuard.fromSetting(allowedTargets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lethe.connectors.allowed-targets: " + e.getMessage(), e);
        }
    }

    /** The guard: the allow-list and, in the {@code local} profile, the embedded services. */
    public OutboundGuard guard() {
        String both = String.join(
                ",",
                java.util.stream.Stream.of(allowedTargets, embeddedTargets)
                        .filter(setting -> setting != null && !setting.isBlank())
                        .toList());
        return OutboundGuard.fromSetting(both);
    }
}
