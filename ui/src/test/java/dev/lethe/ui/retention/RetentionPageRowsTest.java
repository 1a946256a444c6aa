package dev.lethe.ui.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.workflows.retention.RetentionRun;
import dev.lethe.workflows.retention.RunStatus;
import dev.lethe.workflows.retention.RunTask;
import dev.lethe.workflows.retention.RunTrigger;
import dev.lethe.workflows.retention.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionPageRowsTest {

    private static final UUID SHOP = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();
    private static final RetentionNames.Lookup NAMES =
            new RetentionNames.Lookup(Map.of(SHOP, "shop", WEB, "web"), Map.of(), List.of());

    @Test
    void aSystemsOutcomeIsItsWorstTaskAndItsSums() {
        UUID policy = UUID.randomUUID();
        RetentionRun run = new RetentionRun(
                UUID.randomUUID(),
                RunTrigger.values()[0],
                "schedule",
                Instant.now(),
                Instant.now(),
                Instant.now(),
                RunStatus.COMPLETED_WITH_FAILURES,
                List.of(
                        task(policy, SHOP, "events", TaskState.DONE, 10),
                        task(policy, SHOP, "tickets", TaskState.FAILED, 0),
                        task(policy, WEB, "visits", TaskState.DONE, 6)));

        RunRow row = RunRow.of(RunView.of(run), NAMES);

        assertThat(row.systems())
                .containsExactly(
                        new RunRow.SystemOutcome("shop", TaskState.FAILED, 10, 0),
                        new RunRow.SystemOutcome("web", TaskState.DONE, 6, 0));
        assertThat(row.badge()).isEqualTo("bad");
        assertThat(row.policies().getFirst().results())
                .extracting(RunRow.NamedResult::system)
                .containsExactly("shop", "shop", "web");
    }

    @Test
    void theFormTargetsADatasetOrACategoryAndKeepsTheSchedule() {
        UUID dataset = UUID.randomUUID();
        PolicyForm form = new PolicyForm(
                "Events", "dataset:" + dataset, "P30D", "FIELD", "created_at", "DELETE", "", "", null, 3);

        RetentionDraft draft = form.toDraft("0 0 4 * * *");

        assertThat(draft.datasetId()).isEqualTo(dataset);
        assertThat(draft.dataCategory()).isNull();
        assertThat(draft.enabled()).as("an unticked box").isFalse();
        assertThat(draft.schedule()).isEqualTo("0 0 4 * * *");
        assertThat(new PolicyForm(
                                "Contact",
                                "category:contact",
                                "P2Y",
                                "EVENT",
                                "closed",
                                "ANONYMIZE",
                                "MASK",
                                "",
                                "on",
                                null)
                        .toDraft(null)
                        .dataCategory())
                .isEqualTo("contact");
        assertThatThrownBy(() -> new PolicyForm("No target", "", "P1Y", "", "c", "", "", "", "on", null).toDraft(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataset or a data category");
    }

    private static RunTask task(UUID policy, UUID system, String dataset, TaskState state, long records) {
        return new RunTask(
                UUID.randomUUID(),
                policy,
                "Policy",
                system,
                UUID.randomUUID(),
                dataset,
                "created_at",
                Instant.now(),
                "DELETE",
                state,
                records,
                0,
                1,
                1,
                null,
                null,
                null);
    }
}
