package dev.lethe.workflows.run;

/**
 * What scoping a request found, in numbers (the per-system detail is recorded in the store).
 *
 * @param systems the connected systems the request will run through
 * @param found the subject's records found across them (-1: not known)
 */
public record ScopeSummary(int systems, long found) {}
