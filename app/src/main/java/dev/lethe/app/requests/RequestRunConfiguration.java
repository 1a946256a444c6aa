package dev.lethe.app.requests;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.ui.connectors.callback.ClosedOperations;
import dev.lethe.ui.connectors.callback.PendingCompletions;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.erasure.ErasurePlanner;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.RequestSignals;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.run.RequestReconciler;
import dev.lethe.workflows.run.RequestWorker;
import dev.lethe.workflows.run.TemporalRequestSignals;
import dev.lethe.workflows.steps.ActivityParts;
import dev.lethe.workflows.steps.RequestActivitiesImpl;
import dev.lethe.workflows.steps.RequestOperations;
import dev.lethe.workflows.steps.UnfinishedRequests;
import dev.lethe.workflows.systems.ConnectedSystems;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Requests run as Temporal workflows: the signals that start and wake them, the activities over the
 * real parts registered on this process's worker (unless {@code lethe.requests.run.workers=false}),
 * completed callbacks and manual tasks waking the request that waits for them, and at start-up the
 * reconciler starting every unfinished request again (the embedded Temporal server forgets its
 * workflows when it stops; PostgreSQL does not).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestRunProperties.class)
class RequestRunConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RequestRunConfiguration.class);

    /**
     * The store signals through this, and it needs the store for a new workflow's reminders (its
     * regulation's): the store is looked up when a workflow starts, not when the bean is made.
     */
    @Bean
    RequestSignals requestSignals(
            WorkflowClient client,
            RequestRunProperties properties,
            Deadlines deadlines,
            ObjectProvider<RequestStore> store) {
        return new TemporalRequestSignals(
                client,
                RequestWorker.TASK_QUEUE,
                (tenant, request) -> properties.timings(deadlines
                        .of(TenantContext.callAs(
                                tenant,
                                () -> store.getObject()
                                        .snapshot(tenant, request)
                                        .regulation()))
                        .reminders()));
    }

    @Bean
    PendingCompletions requestsWaitingForPendingOperations(RequestSignals signals) {
        return (tenantId, operationId) ->
                RequestOperations.requestOf(operationId).ifPresent(request -> signals.changed(tenantId, request));
    }

    /**
     * A request's pending operation is closed once the request is: denied, canceled or completed (or gone).
     * Its workflow cleared the results it kept then; a callback after that is refused (threat model 4.6).
     */
    @Bean
    ClosedOperations requestsThatEnded(ObjectProvider<RequestStore> store) {
        return (tenantId, operationId) -> RequestOperations.requestOf(operationId)
                .map(request -> store.getObject()
                        .status(tenantId, request)
                        .map(RequestStatus::closed)
                        .orElse(true))
                .orElse(false);
    }

    @Bean
    ErasurePlanner erasurePlanner(
            Datasets datasets,
            SubjectMaps subjectMaps,
            ErasureRules rules,
            LegalHolds holds,
            RetentionPolicies policies) {
        return new ErasurePlanner(datasets, subjectMaps, rules, holds, policies);
    }

    @Bean
    RequestActivitiesImpl requestActivities(
            DSLContext dsl,
            RequestStore store,
            AuditTrail trail,
            ConnectedSystems connected,
            SubjectMaps subjectMaps,
            Datasets datasets,
            DataFlows flows,
            ErasurePlanner planner,
            Vault vault,
            ElasticsearchClient elasticsearch,
            RequestPackages packages,
            CatalogFacts facts,
            Receipts receipts,
            RequestRunProperties properties,
            WorkerFactory workers) {
        RequestActivitiesImpl activities = RequestActivitiesImpl.over(new ActivityParts(
                dsl,
                store,
                new SubjectRestrictions(dsl, trail),
                connected,
                subjectMaps,
                datasets,
                flows,
                planner,
                vault,
                new SubjectLocator(elasticsearch),
                packages,
                facts,
                receipts,
                Clock.systemUTC(),
                properties.packageLifetime()));
        if (properties.workers()) {
            // Registered while the context starts; the factory starts polling once it is ready.
            RequestWorker.register(workers, activities);
        }
        return activities;
    }

    @Bean
    UnfinishedRequests unfinishedRequests(DSLContext dsl) {
        return new UnfinishedRequests(dsl);
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcile(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        var unfinished = TenantContext.callAsPlatform(context.getBean(UnfinishedRequests.class)::list);
        int started = new RequestReconciler(context.getBean(RequestSignals.class)).reconcile(unfinished);
        if (!unfinished.isEmpty()) {
            log.info("Requests: {} unfinished, {} workflows started again", unfinished.size(), started);
        }
    }
}
