package dev.lethe.catalog.search;

import java.util.List;

/** One search result, best first. */
public record SearchHit(String kind, String id, String name, String context, List<String> categories, double score) {}
