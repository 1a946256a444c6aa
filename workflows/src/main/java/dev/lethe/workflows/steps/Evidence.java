package dev.lethe.workflows.steps;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.packages.StoredPackage;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.receipt.SignedReceipt;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SystemState;
import dev.lethe.workflows.run.PackageSummary;
import dev.lethe.workflows.run.ReceiptSummary;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a request leaves behind as evidence: the package of an access or export request, written part
 * by part as systems answer and assembled at the end, and the signed receipt of an erasure. A part is
 * named by the catalog system it came from, so the Art. 15(1) facts of that system go with it.
 */
final class Evidence {

    private final RequestStore store;
    private final ConnectedSystems connected;
    private final RequestPackages packages;
    private final CatalogFacts facts;
    private final Receipts receipts;
    private final SystemResults results;
    private final IdentityHashes hashes;
    private final Clock clock;
    private final Duration packageLifetime;

    Evidence(
            RequestStore store,
            ConnectedSystems connected,
            RequestPackages packages,
            CatalogFacts facts,
            Receipts receipts,
            SystemResults results,
            IdentityHashes hashes,
            Clock clock,
            Duration packageLifetime) {
        this.store = store;
        this.connected = connected;
        this.packages = packages;
        this.facts = facts;
        this.receipts = receipts;
        this.results = results;
        this.hashes = hashes;
        this.clock = clock;
        this.packageLifetime = packageLifetime;
    }

    /**
     * Writes the system's part anew from what {@code producer} hands to the sink (an earlier attempt's part
     * is replaced whole).
     *
     * @return how many records the part holds
     */
    long write(RequestRef ref, ConnectedSystem system, Consumer<Accessing.RecordSink> producer) {
        return packages.parts().write(ref.tenantId(), ref.requestId(), system.systemName(), producer);
    }

    /** Builds an access or export request's package from the parts its systems wrote. */
    PackageSummary assemble(RequestRef ref) {
        RequestSnapshot snapshot = store.snapshot(ref.tenantId(), ref.requestId());
        List<String> systems = snapshot.systems().stream()
                .filter(system -> system.state() == SystemState.DONE)
                .map(system -> connected.find(ref.tenantId(), system.connectionId()))
                .flatMap(Optional::stream)
                .map(ConnectedSystem::systemName)
                .distinct()
                .filter(name -> packages.parts().exists(ref.tenantId(), ref.requestId(), name))
                .toList();
        StoredPackage stored = packages.assemble(
                ref.tenantId(),
                ref.requestId(),
                snapshot.type().name(),
                systems,
                found -> facts.of(ref.tenantId(), found),
                packageLifetime);
        long records = results.outcomes(ref.tenantId(), ref.requestId()).values().stream()
                .mapToLong(outcome -> outcome.get("affected") instanceof Number n ? n.longValue() : 0)
                .sum();
        return new PackageSummary(stored.id().toString(), systems.size(), records);
    }

    /** Issues an erasure's signed receipt from what its systems reported and verification found. */
    ReceiptSummary issue(RequestRef ref) {
        RequestSnapshot snapshot = store.snapshot(ref.tenantId(), ref.requestId());
        Map<UUID, Map<String, Object>> outcomes = results.outcomes(ref.tenantId(), ref.requestId());
        Map<UUID, Map<String, Object>> verifications = results.verifications(ref.tenantId(), ref.requestId());
        List<ErasureReceipt.SystemResult> systems = snapshot.systems().stream()
                .map(system -> ReceiptLines.of(
                        system,
                        store.plan(ref.tenantId(), ref.requestId(), system.connectionId())
                                .map(SystemErasurePlan::fromJson),
                        outcomes.get(system.connectionId()),
                        verifications.get(system.connectionId())))
                .toList();
        ErasureReceipt receipt = new ErasureReceipt(
                UUID.randomUUID(),
                ref.requestId(),
                ref.tenantId(),
                clock.instant(),
                snapshot.regulation(),
                hashes.of(ref.tenantId(), store.identities(ref.tenantId(), ref.requestId())),
                systems);
        SignedReceipt signed = receipts.issue(receipt, Actor.system("workflow"));
        return new ReceiptSummary(signed.receiptId().toString(), ReceiptLines.exceptions(receipt));
    }
}
