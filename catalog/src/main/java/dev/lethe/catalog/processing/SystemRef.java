package dev.lethe.catalog.processing;

import java.util.UUID;

/** A system as other catalog rows name it. */
public record SystemRef(UUID id, String name) {}
