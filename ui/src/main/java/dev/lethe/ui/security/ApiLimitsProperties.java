package dev.lethe.ui.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a caller of the REST API can send.
 *
 * @param maxRequestBody the largest request body the API reads ({@code 413} above it); callbacks
 *     have their own, larger limit
 */
@ConfigurationProperties("lethe.api")
public record ApiLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody) {}
