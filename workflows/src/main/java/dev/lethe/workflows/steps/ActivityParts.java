package dev.lethe.workflows.steps;

import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.erasure.ErasurePlanner;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;

/**
 * The real parts the request activities work with, for {@link RequestActivitiesImpl#over}.
 *
 * @param dsl the application's database access (tenant from {@code TenantContext}, row-level security)
 * @param packageLifetime how long an access or export package is kept
 */
public record ActivityParts(
        DSLContext dsl,
        RequestStore store,
        SubjectRestrictions restrictions,
        ConnectedSystems connected,
        SubjectMaps subjectMaps,
        Datasets datasets,
        DataFlows flows,
        ErasurePlanner planner,
        Vault vault,
        SubjectLocator locator,
        RequestPackages packages,
        CatalogFacts facts,
        Receipts receipts,
        Clock clock,
        Duration packageLifetime) {}
