package dev.lethe.workflows.run;

/**
 * The signed erasure receipt issued for a request.
 *
 * @param receiptId the receipt's id in the store
 * @param exceptions entries that were retained (with their legal reason), skipped or not verified;
 *     more than zero makes the request complete with exceptions
 */
public record ReceiptSummary(String receiptId, int exceptions) {}
