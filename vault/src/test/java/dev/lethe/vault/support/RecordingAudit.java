package dev.lethe.vault.support;

import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every audit event, for assertions. */
public final class RecordingAudit implements VaultAudit {
    public final List<TokensDetokenized> detokenized = new CopyOnWriteArrayList<>();
    public final List<DetokenizationDenied> denied = new CopyOnWriteArrayList<>();
    public final List<SubjectShredded> shredded = new CopyOnWriteArrayList<>();

    @Override
    public void detokenized(TokensDetokenized event) {
        detokenized.add(event);
    }

    @Override
    public void detokenizationDenied(DetokenizationDenied event) {
        denied.add(event);
    }

    @Override
    public void shredded(SubjectShredded event) {
        shredded.add(event);
    }
}
