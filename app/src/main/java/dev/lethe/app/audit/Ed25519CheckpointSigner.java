package dev.lethe.app.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs audit checkpoints with an Ed25519 key whose private half is stored only wrapped by the
 * vault's KMS (its public half in clear, so anyone with database access can check signatures; the
 * catalog does that).
 *
 * <p>The key is created on first use; a key wrapped by an older KEK version is re-wrapped at start-up
 * (through {@code lethe_audit_signing_key_rewrap}: the application's role can't change a public key).
 * A KMS that fails to unwrap the key never silently replaces it: a retriable failure is retried with
 * back-off, then start-up fails; a permanent one fails at once. Replacing the key is the operator's
 * explicit act ({@code lethe.audit.signing-key.replace=true}), reported by {@link #replacement()} for
 * the audit chain. Thread-safe.
 */
final class Ed25519CheckpointSigner implements CheckpointSigner {

    private static final Logger log = LoggerFactory.getLogger(Ed25519CheckpointSigner.class);

    /** The property that replaces the key deliberately. */
    static final String REPLACE_PROPERTY = "lethe.audit.signing-key.replace";

    /** How unwrapping is retried when the KMS answers with a retriable failure (timeouts, 5xx). */
    record Retry(int attempts, Duration firstPause, Pause pause) {

        /** Five attempts over about 7.5 s. */
        static Retry standard() {
            return new Retry(5, Duration.ofMillis(500), duration -> Thread.sleep(duration));
        }

        Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }
    }

    /** Waits between attempts (a test passes one that only records). */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** A deliberate replacement of the signing key, to be recorded in the audit chain. */
    record Replacement(String oldKeyId, String newKeyId, String kms, String reason) {

        static final String ACTION = "audit.signing_key.replaced";

        /**
         * Appends "audit signing key replaced" to the default tenant's chain (the platform's) and
         * signs a checkpoint with the new key at once.
         */
        AuditEntry record(AuditTrail trail) {
            return TenantContext.callAs(Tenant.DEFAULT_ID, () -> {
                AuditEntry entry = trail.append(new AuditEvent(
                        Tenant.DEFAULT_ID,
                        Actor.system("audit"),
                        ACTION,
                        "signing-key:" + newKeyId,
                        Map.of("oldKeyId", oldKeyId, "newKeyId", newKeyId, "kms", kms, "reason", reason)));
                trail.checkpoint(Tenant.DEFAULT_ID);
                return entry;
            });
        }
    }

    private final String keyId;
    private final PrivateKey privateKey;
    private final DSLContext dsl;
    private final Replacement replacement;

    Ed25519CheckpointSigner(DSLContext dsl, Kms kms, boolean replace) {
        this(dsl, kms, replace, Retry.standard());
    }

    Ed25519CheckpointSigner(DSLContext dsl, Kms kms, boolean replace, Retry retry) {
        this.dsl = dsl;
        Record newest = dsl.selectFrom(AUDIT_SIGNING_KEY)
                .orderBy(AUDIT_SIGNING_KEY.CREATED_AT.desc())
                .limit(1)
                .fetchOne();
        if (newest == null || replace) {
            this.keyId = "audit-" + UUID.randomUUID();
            String reason = newest == null ? null : replacementReason(kms, newest);
            this.privateKey = create(kms);
            this.replacement = newest == null
                    ? null
                    : new Replacement(newest.get(AUDIT_SIGNING_KEY.KEY_ID), keyId, kms.name(), reason);
            if (replacement != null) {
                log.warn(
                        "The audit signing key {} was replaced by {} as {}=true asked; remove that setting now",
                        replacement.oldKeyId(),
                        keyId,
                        REPLACE_PROPERTY);
            }
        } else {
            this.keyId = newest.get(AUDIT_SIGNING_KEY.KEY_ID);
            this.privateKey = unwrapWithRetries(kms, newest, retry);
            this.replacement = null;
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    /** The replacement this start made on the operator's request, if any. */
    Optional<Replacement> replacement() {
        return Optional.ofNullable(replacement);
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private PrivateKey create(Kms kms) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPrivate().getEncoded();
            WrappedDek wrapped = kms.wrap(encoded, associatedData(keyId));
            Arrays.fill(encoded, (byte) 0);
            dsl.insertInto(AUDIT_SIGNING_KEY)
                    .set(AUDIT_SIGNING_KEY.KEY_ID, keyId)
                    .set(AUDIT_SIGNING_KEY.PUBLIC_KEY, pair.getPublic().getEncoded())
                    .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, wrapped.ciphertext())
                    .set(AUDIT_SIGNING_KEY.KEK_VERSION, wrapped.kekVersion())
                    .execute();
            return pair.getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot create Ed25519 keys", e);
        }
    }

    /** Why the operator's replacement was needed, as far as one attempt to unwrap the old key tells. */
    private String replacementReason(Kms kms, Record old) {
        try {
            unwrap(kms, old);
            return "requested by the operator; the old key still unwrapped";
        } catch (KmsException e) {
            return "requested by the operator; the old key could not be unwrapped ("
                    + (e.isRetriable() ? "retriable" : "permanent") + " KMS failure)";
        }
    }

    private PrivateKey unwrapWithRetries(Kms kms, Record row, Retry retry) {
        String rowKeyId = row.get(AUDIT_SIGNING_KEY.KEY_ID);
        Duration pause = retry.firstPause();
        for (int attempt = 1; ; attempt++) {
            try {
                return unwrap(kms, row);
            } catch (KmsException e) {
                if (!e.isRetriable()) {
                    throw new SigningKeyUnavailableException("The audit signing key " + rowKeyId
                            + " could not be unwrapped by the KMS '" + kms.name() + "': a permanent failure ("
                            + e.getMessage() + "). Lethe does not start without it and does not replace it on"
                            + " its own. If the key is lost for good (its KEK version retired or destroyed,"
                            + " another KMS configured), start once with " + REPLACE_PROPERTY + "=true: a new"
                            + " key is made, the replacement is recorded in the audit chain, and checkpoints"
                            + " signed by the old key still verify with its public key. Then remove the"
                            + " setting.");
                }
                if (attempt >= retry.attempts()) {
                    throw new SigningKeyUnavailableException("The audit signing key " + rowKeyId
                            + " could not be unwrapped by the KMS '" + kms.name() + "': it failed " + attempt
                            + " times with a retriable error (last: " + e.getMessage() + "). Lethe does not"
                            + " start without its audit signing key; make sure the KMS is reachable and start"
                            + " again.");
                }
                log.warn(
                        "The KMS '{}' could not unwrap the audit signing key (attempt {} of {}, retriable); retrying in {}",
                        kms.name(),
                        attempt,
                        retry.attempts(),
                        pause);
                pauseFor(retry, pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static void pauseFor(Retry retry, Duration pause) {
        try {
            retry.pause().pause(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningKeyUnavailableException(
                    "Interrupted while waiting for the KMS to unwrap the audit" + " signing key");
        }
    }

    private PrivateKey unwrap(Kms kms, Record row) {
        String rowKeyId = row.get(AUDIT_SIGNING_KEY.KEY_ID);
        var wrapped =
                new WrappedDek(row.get(AUDIT_SIGNING_KEY.KEK_VERSION), row.get(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY));
        if (wrapped.kekVersion() != kms.primaryVersion()) {
            WrappedDek rewrapped = kms.rewrap(wrapped, associatedData(rowKeyId));
            // Only the wrap columns change; the function refuses nothing else because it can do nothing else.
            dsl.fetchValue(
                    "select lethe_audit_signing_key_rewrap(?, ?, ?)",
                    rowKeyId,
                    rewrapped.ciphertext(),
                    rewrapped.kekVersion());
            wrapped = rewrapped;
        }
        byte[] encoded = kms.unwrap(wrapped, associatedData(rowKeyId));
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored audit signing key is not an Ed25519 key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static byte[] associatedData(String keyId) {
        return ("lethe:audit-signing-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** Start-up can't go on: the audit signing key can't be used. The message says what to do. */
    static final class SigningKeyUnavailableException extends IllegalStateException {
        SigningKeyUnavailableException(String message) {
            super(message);
        }
    }
}
