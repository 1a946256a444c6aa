package dev.lethe.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.flow.DataFlow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which of the catalog's flows an objection to a purpose stops. */
class PurposeChecksTest {

    private static final UUID SHOP = UUID.randomUUID();
    private static final UUID CAMPAIGNS = UUID.randomUUID();
    private static final UUID FULFILMENT = UUID.randomUUID();

    @Test
    void aFlowServesItsOwnPurposeElseItsActivitysAndOneWithNeitherServesNone() {
        DataFlow newsletter = flow("Newsletter", null, "marketing");
        DataFlow retargeting = flow("Retargeting", CAMPAIGNS, null);
        DataFlow parcels = flow("Parcels", FULFILMENT, null);
        DataFlow ownPurposeWins = flow("Survey", CAMPAIGNS, "analytics");
        DataFlow nothing = flow("Backup", null, null);
        Map<UUID, String> activities = Map.of(CAMPAIGNS, "marketing", FULFILMENT, "service_delivery");

        List<PurposeChecks.FlowRef> stopped = PurposeChecks.serving(
                "marketing", List.of(parcels, retargeting, newsletter, ownPurposeWins, nothing), activities);

        assertThat(stopped).extracting(PurposeChecks.FlowRef::name).containsExactly("Newsletter", "Retargeting");
        assertThat(PurposeChecks.purposeOf(nothing, activities)).isNull();
        assertThat(PurposeChecks.purposeOf(ownPurposeWins, activities)).isEqualTo("analytics");
        assertThat(PurposeChecks.serving("recruitment", List.of(newsletter, parcels), activities))
                .isEmpty();
    }

    private static DataFlow flow(String name, UUID activity, String purpose) {
        Instant now = Instant.now();
        return new DataFlow(
                UUID.randomUUID(),
                name,
                activity,
                SHOP,
                null,
                null,
                null,
                "Someone Ltd",
                List.of(),
                purpose,
                false,
                null,
                null,
                new Revision(1, now, "test", now, "test"));
    }
}
