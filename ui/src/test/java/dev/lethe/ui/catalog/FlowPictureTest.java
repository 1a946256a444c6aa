package dev.lethe.ui.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.system.DataSystem;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlowPictureTest {

    private final DataSystem shop = system("shop");
    private final DataSystem billing = system("billing");

    @Test
    void systemsAndRecipientsAreBoxesAndFlowsBetweenTwoBoxesOneArrow() {
        List<DataFlow> flows = List.of(
                flow(shop, billing, null, "contact.email"),
                flow(shop, billing, null, "contact.phone"),
                flow(billing, shop, null, "financial.iban"),
                flow(billing, null, "Carrier", "contact.address"),
                flow(shop, shop, null, "contact.email"));

        FlowPicture picture = FlowPicture.of(List.of(shop, billing), flows);

        assertThat(picture.boxes()).extracting(FlowPicture.Box::label).containsExactly("billing", "shop", "Carrier");
        assertThat(picture.boxes()).extracting(FlowPicture.Box::external).containsExactly(false, false, true);
        assertThat(picture.arrows()).hasSize(3);
        assertThat(picture.arrows())
                .filteredOn(arrow -> arrow.from().equals(shop.id().toString())
                        && arrow.to().equals(billing.id().toString()))
                .singleElement()
                .extracting(FlowPicture.Arrow::label)
                .isEqualTo("contact.email, contact.phone");
    }

    @Test
    void theSameMapIsDrawnTheSameWay() {
        List<DataFlow> flows = List.of(flow(shop, billing, null, "contact.email"));

        assertThat(FlowPicture.of(List.of(shop, billing), flows))
                .isEqualTo(FlowPicture.of(List.of(billing, shop), flows));
    }

    private static DataSystem system(String name) {
        return new DataSystem(UUID.randomUUID(), name, null, null, null, null, null, null);
    }

    private static DataFlow flow(DataSystem from, DataSystem to, String external, String category) {
        return new DataFlow(
                UUID.randomUUID(),
                "flow",
                null,
                from.id(),
                null,
                to == null ? null : to.id(),
                null,
                external,
                List.of(category),
                null,
                false,
                null,
                null,
                null);
    }
}
