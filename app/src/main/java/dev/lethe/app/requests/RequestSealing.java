package dev.lethe.app.requests;

import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import dev.lethe.workflows.request.IdentitySealing;
import java.util.UUID;

/** A request's subject sealed as connection secrets are ({@link Sealing}: a data key per request, wrapped by the KMS). */
final class RequestSealing implements IdentitySealing {

    /** What is sealed, in the associated data: a sealed subject opens as nothing else. */
    static final String LABEL = "lethe-request-subject/v1";

    private final Sealing sealing;

    RequestSealing(Sealing sealing) {
        this.sealing = sealing;
    }

    @Override
    public Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext) {
        Sealing.SealedBox box = sealing.seal(tenantId, requestId, plaintext);
        return new Sealed(
                box.ciphertext(), box.dataKey().ciphertext(), box.dataKey().kekVersion());
    }

    @Override
    public byte[] open(UUID tenantId, UUID requestId, Sealed sealed) {
        return sealing.open(
                tenantId,
                requestId,
                new Sealing.SealedBox(sealed.ciphertext(), new WrappedDek(sealed.kekVersion(), sealed.wrappedKey())));
    }
}
