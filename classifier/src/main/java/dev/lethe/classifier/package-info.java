/**
 * Finds personal data and secrets in free text, JSON records and columns. Entry point: {@link
 * dev.lethe.classifier.PiiClassifier} (immutable, thread-safe, no I/O); results are {@link
 * dev.lethe.classifier.Finding}s that locate data without holding it. {@code internal} is not API.
 */
package dev.lethe.classifier;
