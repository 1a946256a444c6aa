package dev.lethe.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.postgres.PostgresConnectorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

class ConnectionFormTest {

    private final PostgresConnectorType postgres = new PostgresConnectorType();

    @Test
    void eachSettingGetsTheInputItsDescriptionAsksFor() {
        var inputs = ConnectionForm.inputs(postgres, ConnectionForm.defaults(postgres), Set.of(), Map.of());

        assertThat(inputs)
                .extracting(ConnectionForm.Input::name)
                .containsExactlyElementsOf(
                        postgres.fields().stream().map(f -> f.name()).toList());
        var byName = new HashMap<String, ConnectionForm.Input>();
        inputs.forEach(input -> byName.put(input.name(), input));
        assertThat(byName.get("password").input()).isEqualTo("password");
        assertThat(byName.get("password").value()).isNull();
        assertThat(byName.get("port").input()).isEqualTo("number");
        assertThat(byName.get("port").value()).isEqualTo("5432");
        assertThat(byName.get("ssl-mode").input()).isEqualTo("select");
        assertThat(byName.get("ssl-mode").label()).isEqualTo("SSL mode");
        assertThat(byName.get("host").required()).isTrue();
        assertThat(byName.get("host").help()).endsWith(".");
    }

    @Test
    void anEmptySecretIsLeftOutSoTheStoredOneIsKept() {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("config.host", " db.internal ");
        form.add("config.password", "");
        form.add("config.schemas", "");

        Map<String, Object> config = ConnectionForm.config(postgres, form);

        assertThat(config).containsEntry("host", "db.internal").doesNotContainKeys("password", "schemas");
        form.add("clear.password", "true");
        assertThat(ConnectionForm.config(postgres, form)).containsEntry("password", null);
    }

    @Test
    void aRefusedFormShowsNoSecretAgain() {
        Map<String, Object> config = new HashMap<>(Map.of("host", "db", "password", "s3cret"));

        assertThat(ConnectionForm.shown(postgres, config)).containsOnlyKeys("host");
        assertThat(ConnectionForm.inputs(postgres, Map.of("password", "s3cret"), Set.of("password"), Map.of()))
                .filteredOn(input -> input.secret())
                .singleElement()
                .satisfies(input -> {
                    assertThat(input.value()).isNull();
                    assertThat(input.secretSet()).isTrue();
                });
        assertThat(List.of(ConnectionForm.label("statement-timeout-seconds")))
                .containsExactly("Statement timeout seconds");
    }
}
