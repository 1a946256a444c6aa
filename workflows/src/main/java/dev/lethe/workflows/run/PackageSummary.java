package dev.lethe.workflows.run;

/**
 * The access or export package assembled for a request.
 *
 * @param packageId the package store's id for it (not a link; links are issued on download)
 * @param systems the systems whose records it holds
 * @param records how many records it holds
 */
public record PackageSummary(String packageId, int systems, long records) {}
