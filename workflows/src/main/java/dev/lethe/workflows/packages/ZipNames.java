package dev.lethe.workflows.packages;

/** A system's or dataset's name as one path segment of a ZIP entry: no separators, no {@code ..}. */
final class ZipNames {

    private ZipNames() {}

    static String of(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            return "_" + safe;
        }
        return safe;
    }
}
