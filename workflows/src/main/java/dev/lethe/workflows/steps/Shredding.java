package dev.lethe.workflows.steps;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.run.RequestRef;
import java.util.Map;
import java.util.TreeSet;

/**
 * The end of an erasure in the vault and the locator: every key the subject has is destroyed, so their
 * tokens in every topic, backup and replica become unreadable, and the locator forgets where their
 * records were. A subject is known to the vault by whichever identity protected its data — an ingest
 * stream's subject field, the first identity of a connector's TOKENIZE — so each identity is shredded.
 */
final class Shredding {

    private final RequestStore store;
    private final Vault vault;
    private final SubjectLocator locator;

    Shredding(RequestStore store, Vault vault, SubjectLocator locator) {
        this.store = store;
        this.vault = vault;
        this.locator = locator;
    }

    void shred(RequestRef ref) {
        String tenant = ref.tenantId().toString();
        Identities subject = store.identities(ref.tenantId(), ref.requestId());
        long forgotten = 0;
        for (String value : new TreeSet<>(subject.values().values())) {
            vault.shred(tenant, value, "workflow", ref.requestId().toString());
            vault.evictSubject(tenant, value);
            forgotten += locator.forget(tenant, vault.subjectHash(tenant, value).hex());
        }
        store.recordEvent(
                ref.tenantId(),
                ref.requestId(),
                "request.shredded",
                Map.of(
                        "identities", Integer.toString(subject.values().size()),
                        "locator_entries", Long.toString(forgotten)));
    }
}
