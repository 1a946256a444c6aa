package dev.lethe.catalog.taxonomy;

/**
 * Data category codes form a tree by their dots ({@code contact} ⊃ {@code contact.email}): what is said of
 * a category — a retention period, a legal hold — is said of everything under it.
 */
public final class Categories {

    private Categories() {}

    /** Whether {@code code} is {@code ancestor} or lies under it. */
    public static boolean within(String code, String ancestor) {
        return code.equals(ancestor) || code.startsWith(ancestor + ".");
    }

    /** Whether the two overlap: one lies within the other (what a hold must assume to be safe). */
    public static boolean overlap(String one, String other) {
        return within(one, other) || within(other, one);
    }
}
