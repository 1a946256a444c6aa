package dev.lethe.connectors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingOperationTest {

    private static final UUID TENANT = UUID.fromString("6f1c9d8e-2b7a-4c3e-9f10-0a1b2c3d4e5f");

    @Test
    void theIdIsTheSameForTheSameConnectionOperationAndAction() {
        OperationContext context = OperationContext.of(TENANT, "dsar-17");
        OperationContext retried = new OperationContext(TENANT, "dsar-17", () -> true);

        assertThat(PendingOperation.idFor(context, "crm", Capability.ERASE))
                .isEqualTo(PendingOperation.idFor(retried, "crm", Capability.ERASE))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void theIdDiffersWithTenantConnectionOperationOrAction() {
        OperationContext context = OperationContext.of(TENANT, "dsar-17");
        String id = PendingOperation.idFor(context, "crm", Capability.ERASE);

        assertThat(PendingOperation.idFor(context, "crm", Capability.ACCESS)).isNotEqualTo(id);
        assertThat(PendingOperation.idFor(context, "shop", Capability.ERASE)).isNotEqualTo(id);
        assertThat(PendingOperation.idFor(OperationContext.of(TENANT, "dsar-18"), "crm", Capability.ERASE))
                .isNotEqualTo(id);
        assertThat(PendingOperation.idFor(OperationContext.of(UUID.randomUUID(), "dsar-17"), "crm", Capability.ERASE))
                .isNotEqualTo(id);
    }

    @Test
    void partsCannotRunIntoEachOther() {
        // Joined with a separator, ("a|b", "c") and ("a", "b|c") would be the same key.
        assertThat(PendingOperation.idFor(OperationContext.of(TENANT, "c"), "a\nb", Capability.ERASE))
                .isNotEqualTo(PendingOperation.idFor(OperationContext.of(TENANT, "b\nc"), "a", Capability.ERASE));
    }
}
