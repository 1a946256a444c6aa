package dev.lethe.connectors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IdentitiesAndContextTest {

    @Test
    void identitiesShowTheirTypesButNeverTheirValues() {
        Identities subject = new Identities(Map.of("email", "anna@example.org", "customer_id", "c-42"));

        assertThat(subject.toString()).isEqualTo("Identities[customer_id, email]");
        assertThat(subject.get("email")).contains("anna@example.org");
        assertThatThrownBy(() -> new Identities(Map.of("E-Mail", "anna@example.org")))
                .hasMessageContaining("E-Mail")
                .message()
                .doesNotContain("anna");
        assertThatThrownBy(() -> new Identities(Map.of())).hasMessageContaining("at least one identity");
    }

    @Test
    void aLongOperationStopsAtItsNextCheckpointWhenAsked() {
        var stop = new AtomicBoolean();
        var context = new OperationContext(UUID.randomUUID(), "erasure-7", stop::get);

        context.checkpoint();
        stop.set(true);

        assertThatThrownBy(context::checkpoint)
                .isInstanceOf(OperationStoppedException.class)
                .hasMessageContaining("erasure-7");
    }
}
