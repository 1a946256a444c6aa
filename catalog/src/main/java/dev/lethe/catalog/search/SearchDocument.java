package dev.lethe.catalog.search;

import java.util.List;

/**
 * What the index holds for one catalog entity.
 *
 * @param kind {@code system}, {@code dataset}, {@code field} or {@code activity}
 * @param id the entity's id (also the document's id)
 * @param name its name (a field's path)
 * @param description its description, or empty
 * @param categories the taxonomy codes it carries (a field's data categories; an activity's
 *     data and subject categories and purpose)
 * @param terms the words to match beyond the name: the name and codes split into words, and the
 *     categories' names
 * @param context where it lives, e.g. {@code shop-db / users} for a field
 */
record SearchDocument(
        String kind,
        String id,
        String name,
        String description,
        List<String> categories,
        String terms,
        String context) {}
