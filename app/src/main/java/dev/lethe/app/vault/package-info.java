/**
 * The vault in the application: {@code lethe.vault.*} properties ({@link dev.lethe.app.vault.VaultProperties}),
 * the {@link dev.lethe.vault.Vault} bean on PostgreSQL and the configured KMS, its audit events on the
 * audit chain, and the REST API under {@code /api/v1/vault} (role rules in {@link
 * dev.lethe.app.vault.VaultCaller}).
 */
package dev.lethe.app.vault;
