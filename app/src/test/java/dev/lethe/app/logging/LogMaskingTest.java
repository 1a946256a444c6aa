package dev.lethe.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    /** Lethe's API key shape: 256 random bits in base64url (ApiKeys.create). */
    private static final String API_KEY = "q3Vh8Zk1mN0pR7sT2uW5xY9aB4cD6eF8gH1jK3lM5nP";

    @Test
    void personalDataBecomesItsType() {
        String masked = LogMasking.mask("Request for anna.schmidt@example.org, card 4111 1111 1111 1111,"
                + " IBAN DE89 3704 0044 0532 0130 00, call +49 30 1234567");

        assertThat(masked)
                .contains("[EMAIL_ADDRESS]", "[CREDIT_CARD]", "[IBAN]", "[PHONE_NUMBER]")
                .doesNotContain("anna.schmidt", "4111", "DE89", "1234567");
    }

    @Test
    void nationalIdsAreMasked() {
        assertThat(LogMasking.mask("subject with SSN 536-90-4399 filed")).isEqualTo("subject with SSN [US_SSN] filed");
    }

    @Test
    void aLineWithoutDigitsOrSecretWordsIsReturnedAsItIs() {
        String line = "Started the request workflow worker";

        assertThat(LogMasking.mask(line)).isSameAs(line);
    }

    @Test
    void bearerAndBasicCredentialsAreMasked() {
        assertThat(LogMasking.mask("Authorization: Bearer it-admin-0f3c9a77d2e14b5f8a61c0de42b9e7aa"))
                .isEqualTo("Authorization: Bearer [SECRET]");
        assertThat(LogMasking.mask("header Authorization=Basic dXNlcjpodW50ZXIy"))
                .isEqualTo("header Authorization=Basic [SECRET]");
    }

    @Test
    void lethesApiKeyFormatIsMaskedEvenWithoutAWordNearIt() {
        assertThat(LogMasking.mask("calling with " + API_KEY + " now")).isEqualTo("calling with [SECRET] now");
    }

    @Test
    void aFortyThreeCharacterWordIsNoKey() {
        String line = "the class AbstractAutowireCapableBeanFactoryBeanPostProcessorXyz went";

        assertThat(LogMasking.mask(line)).isEqualTo(line);
    }

    @Test
    void oneTimeSecretsKeepTheirTokenButNotPersonalData() {
        assertThat(LogMasking.mask("link /setup/" + API_KEY + " for anna@example.org", false))
                .isEqualTo("link /setup/" + API_KEY + " for [EMAIL_ADDRESS]");
    }

    @Test
    void passwordsInUrlsAndKeyValuesAreMasked() {
        assertThat(LogMasking.mask("jdbc:postgresql://db:5432/shop?user=shop&password=Hunter2-Secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=shop&password=[SECRET]&ssl=true");
        assertThat(LogMasking.mask("connecting to postgres://shop:Hunter2-Secret@db.internal/shop"))
                .isEqualTo("connecting to postgres://shop:[SECRET]@db.internal/shop");
        assertThat(LogMasking.mask("settings {\"host\":\"db\",\"password\": \"Hunter2-Secret\"}"))
                .isEqualTo("settings {\"host\":\"db\",\"password\": \"[SECRET]\"}");
        assertThat(LogMasking.mask("spring.datasource.password=hunter client_secret: abc clientSecret=xyz"))
                .isEqualTo("spring.datasource.password=[SECRET] client_secret: [SECRET] clientSecret=[SECRET]");
        assertThat(LogMasking.mask("api-key=abc token=def")).isEqualTo("api-key=[SECRET] token=[SECRET]");
    }

    @Test
    void serviceAddressesOnLoopbackStayReadableOthersAreMasked() {
        assertThat(LogMasking.mask("Kafka at 127.0.0.1:19092, visitor from 203.0.113.7"))
                .isEqualTo("Kafka at 127.0.0.1:19092, visitor from [IP_ADDRESS]");
    }

    @Test
    void aFailingDetectorGivesARedactedLineNeverTheRawOne() {
        String masked = LogMasking.mask("anna@example.org", true, text -> {
            throw new IllegalStateException("broken detector");
        });

        assertThat(masked).isEqualTo(LogMasking.REDACTED);
    }

    @Test
    void aMessageTooLongToCheckIsRedacted() {
        String huge = "anna@example.org ".repeat(LogMasking.MAX_LENGTH / 10);

        assertThat(LogMasking.mask(huge)).isEqualTo(LogMasking.REDACTED);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(LogMasking.mask(null)).isNull();
        assertThat(LogMasking.mask("")).isEmpty();
    }
}
