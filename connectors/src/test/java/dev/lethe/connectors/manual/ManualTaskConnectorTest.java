package dev.lethe.connectors.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.InMemoryPendingOperations;
import dev.lethe.connectors.spi.InvalidConfigException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManualTaskConnectorTest {

    private static final Identities SUBJECT = Identities.of("email", "ada@example.com");
    private static final ErasurePlan PLAN = new ErasurePlan(List.of(
            ErasureRule.field("crm.contacts", "email", ErasureStrategy.MASK, "email"),
            ErasureRule.retainRecords("ledger", "tax law")));

    private final InMemoryPendingOperations pending = new InMemoryPendingOperations(URI.create("http://unused/"));
    private final ManualTaskConnectorType type = new ManualTaskConnectorType(pending);

    @Test
    void anErasureOpensOneTaskWithTheInstructionsAndThePlanButNoPersonalData() {
        OperationContext context = OperationContext.of(UUID.randomUUID(), "request-7");
        try (Connector connector = open()) {
            Outcome<ErasureReport> first = ((Deferring) connector).erase(context, "crm", SUBJECT, PLAN);
            Outcome<ErasureReport> again = ((Deferring) connector).erase(context, "crm", SUBJECT, PLAN);

            assertThat(first).isInstanceOf(Outcome.Pending.class).isEqualTo(again);
            PendingOperation task = ((Outcome.Pending<ErasureReport>) first).operation();
            assertThat(task.id()).isEqualTo(PendingOperation.idFor(context, "crm", Capability.ERASE));
            assertThat(task.kind()).isEqualTo(PendingOperation.Kind.MANUAL_TASK);
            PendingOperations.Opening opening = pending.opening(task.id()).orElseThrow();
            assertThat(opening.instructions())
                    .startsWith("Open the CRM")
                    .contains("request-7", "crm.contacts.email: MASK", "ledger: RETAIN (tax law)")
                    .doesNotContain("ada@example.com");
            assertThat(opening.assignee()).isEqualTo("dpo@example.com");
        }
    }

    @Test
    void aCompletedTaskReturnsThePersonsNote() {
        OperationContext context = OperationContext.of(UUID.randomUUID(), "request-8");
        try (Connector connector = open()) {
            Outcome<ErasureReport> first = ((Deferring) connector).erase(context, "crm", SUBJECT, PLAN);
            String id = ((Outcome.Pending<ErasureReport>) first).operation().id();
            pending.complete(context.tenant(), id, "{\"note\": \"deleted in the CRM by hand\"}");

            Outcome<ErasureReport> done = ((Deferring) connector).erase(context, "crm", SUBJECT, PLAN);

            assertThat(done).isEqualTo(new Outcome.Done<>(new ErasureReport(List.of()), "deleted in the CRM by hand"));
        }
    }

    @Test
    void eachActionOfARequestIsItsOwnTask() {
        OperationContext context = OperationContext.of(UUID.randomUUID(), "request-9");
        try (Connector connector = open()) {
            var locate = ((Deferring) connector).locate(context, "crm", SUBJECT);
            var rectify = ((Deferring) connector).rectify(context, "crm", SUBJECT, "contacts", "name", "Ada L.");

            assertThat(((Outcome.Pending<?>) locate).operation().id())
                    .isNotEqualTo(((Outcome.Pending<?>) rectify).operation().id());
            assertThat(pending.opening(
                                    ((Outcome.Pending<?>) rectify).operation().id())
                            .orElseThrow()
                            .instructions())
                    .contains("contacts.name")
                    .doesNotContain("Ada L.");
        }
    }

    @Test
    void settingsNeedInstructionsAndAPlausibleAssignee() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class, () -> type.configure(Map.of("assignee", "not an assignee")));

        assertThat(e.problems())
                .extracting(problem -> problem.field())
                .containsExactlyInAnyOrder("instructions", "assignee");
        assertThat(type.configure(Map.of("instructions", "x", "assignee", "PRIVACY_OFFICER")))
                .isNotNull();
    }

    private Connector open() {
        return type.open(
                type.configure(Map.of(
                        "instructions", "Open the CRM admin and handle the contact.", "assignee", "dpo@example.com")),
                null);
    }
}
