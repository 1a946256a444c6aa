package dev.lethe.ingest.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {

    private final TopicPolicy policy = new TopicPolicy("{tenant}.", Set.of("dev"), Set.of("lethe.audit.anchors"));

    @Test
    void aRestrictedTenantUsesOnlyTopicsWithItsPrefix() {
        assertThatCode(() -> policy.requireAllowed("acme", "acme.orders", "sourceTopic"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.requireAllowed("acme", "globex.orders", "sourceTopic"))
                .isInstanceOf(TopicNotAllowedException.class)
                .hasMessageContaining("start with 'acme.'")
                .hasMessageNotContaining("globex");
        assertThatThrownBy(() -> policy.requireAllowed("acme", "acme-corp.orders", "targetTopic"))
                .isInstanceOf(TopicNotAllowedException.class);
        assertThatThrownBy(() -> policy.requireAllowed("acme", "acme.", "targetTopic"))
                .isInstanceOf(TopicNotAllowedException.class);
        assertThatThrownBy(() -> policy.requireAllowed("acme", "orders", "targetTopic"))
                .isInstanceOf(TopicNotAllowedException.class);
    }

    @Test
    void anOpenTenantUsesAnyTopicButTheReservedOnes() {
        assertThatCode(() -> policy.requireAllowed("dev", "orders", "sourceTopic"))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.requireAllowed("dev", "acme.orders", "sourceTopic"))
                .doesNotThrowAnyException();
        for (String reserved :
                new String[] {"__consumer_offsets", "__transaction_state", "_schemas", "lethe.audit.anchors"}) {
            assertThatThrownBy(() -> policy.requireAllowed("dev", reserved, "sourceTopic"))
                    .as(reserved)
                    .isInstanceOf(TopicNotAllowedException.class)
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() ->
                            TopicPolicy.open(Set.of("lethe.audit.anchors")).requireAllowed("x", reserved, "t"))
                    .as(reserved + " for everyone open")
                    .isInstanceOf(TopicNotAllowedException.class);
        }
    }

    @Test
    void thePrefixMustNameTheTenant() {
        assertThatThrownBy(() -> new TopicPolicy("streams.", Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
