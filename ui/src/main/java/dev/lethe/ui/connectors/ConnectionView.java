package dev.lethe.ui.connectors;

import dev.lethe.catalog.change.Revision;
import java.util.Map;
import java.util.UUID;

/**
 * A connection as the API shows it. {@code config} holds the settings that are not secret as they were
 * given, and every secret setting of the type only as {@code {"set": true|false}}: a secret's value is
 * never returned.
 */
public record ConnectionView(
        UUID id,
        String name,
        String type,
        String system,
        UUID systemId,
        Map<String, Object> config,
        Revision revision) {}
