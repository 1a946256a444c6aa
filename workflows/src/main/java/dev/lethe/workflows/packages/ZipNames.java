package dev.lethe.workflows.packages;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names of ZIP entries: a system's or dataset's name as one path segment (no separators, no {@code
 * ..}), and unique within one ZIP, since two names may make the same segment ({@code a/b}, {@code a_b})
 * and a ZIP refuses a duplicate entry. Compared without case, for file systems that ignore it.
 */
final class ZipNames {

    private final Set<String> used = new HashSet<>();

    static String of(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            return "_" + safe;
        }
        return safe;
    }

    /** {@code base}, or {@code base~2}, {@code base~3}, … when an earlier entry took it. */
    String unique(String base) {
        String name = base;
        for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "~" + n;
        }
        return name;
    }
}
