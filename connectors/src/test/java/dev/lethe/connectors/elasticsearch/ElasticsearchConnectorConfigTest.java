package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectorConfigTest {

    private final ElasticsearchConnectorType type = new ElasticsearchConnectorType();

    @Test
    void theDefaultPatternsLeaveOutLethesOwnIndices() {
        var config = ElasticsearchConnectorConfig.from(type.configure(Map.of("url", "https://search.internal:9200/")));

        assertThat(config.target()).isEqualTo("*,-lethe-*");
        assertThat(config.includedPatterns()).containsExactly("*");
        assertThat(config.url().toString()).isEqualTo("https://search.internal:9200");
    }

    @Test
    void credentialsInTheUrlHiddenIndicesAndOnlyExclusionsAreRefusedByField() {
        assertThatThrownBy(() -> type.configure(Map.of("url", "https://elastic:s3cret@search.internal:9200")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactly("url"))
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(
                        () -> type.configure(Map.of("url", "https://search.internal", "index-patterns", ".security*")))
                .hasMessageContaining("index-patterns must not name hidden or system indices");
        assertThatThrownBy(() -> type.configure(Map.of("url", "https://search.internal", "index-patterns", "-logs-*")))
                .hasMessageContaining("index-patterns includes no index");
    }

    @Test
    void aPasswordNeedsAUserAndAnApiKeyExcludesOne() {
        assertThatThrownBy(() -> type.configure(Map.of("url", "https://search.internal", "password", "hunter2")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactly("password"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> type.configure(
                        Map.of("url", "https://search.internal", "username", "lethe", "api-key", "a2V5")))
                .hasMessageContaining("api-key and a username are both set");
    }

    @Test
    void secretsAreNeverShown() {
        var settings =
                type.configure(Map.of("url", "https://search.internal", "username", "lethe", "password", "hunter2"));
        var typed = ElasticsearchConnectorConfig.from(settings);

        assertThat(settings.toString()).doesNotContain("hunter2");
        assertThat(typed.toString()).doesNotContain("hunter2").contains("user lethe");
        assertThat(type.fields())
                .filteredOn(field -> field.secret())
                .extracting(field -> field.name())
                .isEqualTo(List.of("password", "api-key"));
    }
}
