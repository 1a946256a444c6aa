package dev.lethe.ingest;

/**
 * One piece of personal data seen in one record, for the catalog's discovered fields: where (array
 * indexes folded to {@code [*]}, the record key as {@code $key}), which category, how sure. Never
 * the value.
 */
public record FieldSighting(String path, String category, double confidence) {}
