package dev.lethe.workflows.retention;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.systems.ConnectedSystems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;

/**
 * The real parts retention runs and previews work with.
 *
 * @param dsl the application's database access (tenant from {@code TenantContext}, row-level security)
 */
public record RetentionParts(
        DSLContext dsl,
        AuditTrail trail,
        RetentionRuns runs,
        RetentionPolicies policies,
        Datasets datasets,
        LegalHolds holds,
        ConnectedSystems connected,
        IdentityHashes hashes,
        RequestStore requests,
        RequestPackages packages,
        MeterRegistry meters,
        Clock clock,
        RetentionSettings settings) {}
