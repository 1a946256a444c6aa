package dev.lethe.ui.requests;

import java.time.Duration;

/**
 * The evidence API's share of {@code lethe.requests.packages.*}, handed over by the application (which
 * owns the properties): how long a package's download link works ({@code link-ttl}).
 */
public record EvidenceApiSettings(Duration linkTtl) {}
