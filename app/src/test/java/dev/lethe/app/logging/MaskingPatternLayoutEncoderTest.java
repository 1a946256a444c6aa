package dev.lethe.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.springframework.boot.logging.logback.ColorConverter;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** The encoder of the console and file appenders, on a logger context of its own (no I/O). */
class MaskingPatternLayoutEncoderTest {

    private static final String EMAIL = "anna.schmidt@example.org";
    private static final String CARD = "4111 1111 1111 1111";

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.lethe.test");

    @Test
    void theMessageIsMasked() {
        String line = encode("%-5level %logger : %m%n", event("refund to {} on card {}", null, EMAIL, CARD));

        assertThat(line)
                .isEqualTo("INFO  dev.lethe.test : refund to [EMAIL_ADDRESS] on card [CREDIT_CARD]"
                        + System.lineSeparator());
    }

    @Test
    void exceptionMessagesAndCausesAreMaskedAndFramesKept() {
        var cause = new IllegalArgumentException("duplicate key (email)=(" + EMAIL + ")");
        var failure = new IllegalStateException("could not erase " + CARD, cause);

        String line = encode("%m%n%ex", event("erasure failed", failure));

        assertThat(line)
                .doesNotContain(EMAIL, CARD, "4111")
                .contains("java.lang.IllegalStateException: could not erase [CREDIT_CARD]")
                .contains("Caused by: java.lang.IllegalArgumentException: duplicate key (email)=([EMAIL_ADDRESS])")
                .contains("at dev.lethe.app.logging.MaskingPatternLayoutEncoderTest.");
    }

    @Test
    void aPatternWithoutAnExceptionWordStillGetsAMaskedTrace() {
        String line = encode("%m%n", event("failed", new IllegalStateException("no subject " + EMAIL)));

        assertThat(line)
                .contains("IllegalStateException: no subject [EMAIL_ADDRESS]")
                .doesNotContain(EMAIL);
    }

    @Test
    @SuppressWarnings("rawtypes") // logback's registry holds raw converter suppliers
    void springBootsDefaultPatternAndConversionRulesCannotUnmask() {
        // What defaults.xml declares, plus rules a configuration might add for the message and %ex.
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("clr", ColorConverter::new);
        rules.put("wEx", ExtendedWhitespaceThrowableProxyConverter::new);
        rules.put("m", MessageConverter::new);
        rules.put("ex", ThrowableProxyConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        String pattern = "%clr(%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}){faint} %clr(%5p) %clr(---){faint}"
                + " %clr(%-40.40logger{39}){cyan} %clr(:){faint} %m%n%wEx";

        String line = encode(pattern, event("visitor " + EMAIL, new IllegalStateException("card " + CARD)));

        assertThat(line).doesNotContain(EMAIL, CARD).contains("visitor [EMAIL_ADDRESS]", "card [CREDIT_CARD]");
        assertThat(encode("%m %ex", event("visitor " + EMAIL, new IllegalStateException(CARD))))
                .doesNotContain(EMAIL, CARD);
    }

    @Test
    void secretsInTheMessageAreMasked() {
        String line = encode(
                "%m", event("GET /api/v1/catalog with Authorization: Bearer {}", null, "it-admin-0f3c9a77d2e14b5f"));

        assertThat(line).isEqualTo("GET /api/v1/catalog with Authorization: Bearer [SECRET]");
    }

    @Test
    void theOneTimeSecretMarkerKeepsOnlyTheToken() {
        String token = "q3Vh8Zk1mN0pR7sT2uW5xY9aB4cD6eF8gH1jK3lM5nP";
        LoggingEvent event = event("open /setup/{} as {}", null, token, EMAIL);
        event.addMarker(MarkerFactory.getMarker(MaskedMessageConverter.ONE_TIME_SECRET));

        assertThat(encode("%m", event)).isEqualTo("open /setup/" + token + " as [EMAIL_ADDRESS]");
        assertThat(encode("%m", event("open /setup/{}", null, token))).isEqualTo("open /setup/[SECRET]");
    }

    private LoggingEvent event(String message, Throwable failure, Object... arguments) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, failure, arguments);
    }

    private String encode(String pattern, LoggingEvent event) {
        var encoder = new MaskingPatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        try {
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }
}
