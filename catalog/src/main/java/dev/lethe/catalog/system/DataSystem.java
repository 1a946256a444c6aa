package dev.lethe.catalog.system;

import dev.lethe.catalog.change.Revision;
import java.util.UUID;

/** A system that holds personal data: a database, a Kafka cluster, a SaaS tool, a file store. */
public record DataSystem(
        UUID id,
        String name,
        String description,
        String ownerTeam,
        String contact,
        Environment environment,
        String hostingRegion,
        Revision revision) {}
