/**
 * The vault's {@link dev.lethe.vault.keys.KeyRepository} on PostgreSQL ({@link
 * dev.lethe.vault.postgres.PostgresKeyRepository}). The schema is migration {@code V3__vault.sql} in the
 * catalog module; this package names its tables itself (jOOQ by name, bind values only) so that the vault
 * does not depend on the catalog.
 */
package dev.lethe.vault.postgres;
