package dev.lethe.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Temporal service is.
 *
 * @param target host:port of the Temporal frontend (the local profile sets it to the embedded one)
 * @param namespace the Temporal namespace Lethe's workflows run in
 */
@ConfigurationProperties("lethe.temporal")
public record TemporalProperties(
        @DefaultValue("127.0.0.1:17233") String target,
        @DefaultValue("default") String namespace) {}
