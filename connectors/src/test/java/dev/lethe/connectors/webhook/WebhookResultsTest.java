package dev.lethe.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Deferring.AccessedRecord;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookResultsTest {

    @Test
    void eachActionHasItsSchema() {
        assertThat(WebhookResults.parse(Capability.LOCATE, "{\"datasets\":[{\"dataset\":\"orders\",\"records\":3}]}"))
                .isEqualTo(List.of(new DatasetCount("orders", 3)));
        assertThat(WebhookResults.parse(Capability.RECTIFY, "{\"records\":1,\"note\":\"ok\"}"))
                .isEqualTo(1L);
        assertThat(
                        WebhookResults.parse(
                                Capability.ERASE,
                                "{\"outcomes\":[{\"dataset\":\"crm\",\"field\":\"email\",\"strategy\":\"MASK\",\"records\":1}]}"))
                .isEqualTo(new ErasureReport(
                        List.of(new ErasureReport.Outcome("crm", "email", ErasureStrategy.MASK, 1, null))));
        Object records = WebhookResults.parse(
                Capability.ACCESS, "{\"records\":[{\"dataset\":\"crm\",\"values\":{\"id\":7,\"email\":null}}]}");
        assertThat(records)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement()
                .satisfies(record -> {
                    AccessedRecord accessed = (AccessedRecord) record;
                    assertThat(accessed.values()).containsEntry("id", 7).containsEntry("email", null);
                    assertThat(accessed.toString()).doesNotContain("7");
                });
        assertThat(WebhookResults.note("{\"records\":1,\"note\":\"ok\"}")).isEqualTo("ok");
    }

    @Test
    void problemsAreNamedWithoutQuotingValues() {
        assertThat(WebhookResults.problemWith(Capability.LOCATE, "not json")).contains("the result is not JSON");
        assertThat(WebhookResults.problemWith(Capability.LOCATE, "[]")).contains("the result is not a JSON object");
        assertThat(WebhookResults.problemWith(Capability.LOCATE, "{}"))
                .contains("the result has no \"datasets\" array");
        assertThat(WebhookResults.problemWith(
                        Capability.LOCATE, "{\"datasets\":[{\"dataset\":\"orders\",\"records\":-1}]}"))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("records").doesNotContain("-1"));
        assertThat(WebhookResults.problemWith(
                        Capability.ERASE, "{\"outcomes\":[{\"dataset\":\"x\",\"strategy\":\"SHRED\",\"records\":1}]}"))
                .contains("an outcome names an unknown strategy");
        assertThat(WebhookResults.problemWith(
                        Capability.ERASE, "{\"outcomes\":[{\"dataset\":\"x\",\"strategy\":\"RETAIN\",\"records\":1}]}"))
                .contains("a RETAIN outcome needs a reason");
        assertThat(WebhookResults.problemWith(
                        Capability.ACCESS, "{\"records\":[{\"dataset\":\"crm\",\"values\":\"ada@example.com\"}]}"))
                .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("ada@example.com"));
        assertThat(WebhookResults.problemWith(Capability.RECTIFY, "{\"records\":1}"))
                .isEmpty();
    }
}
