package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedSettingTest {

    @Test
    void aJdbcUrlLosesItsQueryWithThePasswordInIt() {
        assertThat(MaskedSetting.of("jdbc:postgresql://db.internal:5432/lethe?user=lethe_app&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/lethe");
    }

    @Test
    void aUriLosesTheCredentialsInFrontOfItsHost() {
        assertThat(MaskedSetting.of("https://elastic:s3cret@es.internal:9200/prefix"))
                .isEqualTo("https://es.internal:9200/prefix");
    }

    @Test
    void aHostListStaysAsItIs() {
        assertThat(MaskedSetting.of("k1:9092, k2:9093")).isEqualTo("k1:9092,k2:9093");
    }

    @Test
    void anUnreadableValueIsNeverEchoed() {
        assertThat(MaskedSetting.of("https://user:s3cret@ bad host"))
                .doesNotContain("s3cret")
                .isEqualTo("<unreadable address>");
        assertThat(MaskedSetting.of("user:s3cret@k1:9092")).isEqualTo("k1:9092");
    }
}
