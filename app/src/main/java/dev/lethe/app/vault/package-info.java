/**
 * The vault in the application: {@code lethe.vault.*} properties ({@link dev.lethe.app.vault.VaultProperties}),
 * the {@link dev.lethe.vault.Vault} bean on PostgreSQL and the configured KMS, and its audit events on the
 * audit chain. The REST API under {@code /api/v1/vault} (and its role rules) lives in the web tier,
 * {@code dev.lethe.ui.vault}.
 */
package dev.lethe.app.vault;
