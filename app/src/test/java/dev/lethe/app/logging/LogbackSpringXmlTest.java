package dev.lethe.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's logging configuration, read into a logger context of its own. */
class LogbackSpringXmlTest {

    @TempDir
    Path directory;

    @Test
    void theConsoleWritesThroughTheMaskingEncoderAndThereIsNoFileUnlessOneIsConfigured() throws JoranException {
        Logger root = configure(new LoggerContext());

        assertThat(root.getAppender("CONSOLE")).isInstanceOf(OutputStreamAppender.class);
        assertThat(((OutputStreamAppender<?>) root.getAppender("CONSOLE")).getEncoder())
                .isInstanceOf(MaskingPatternLayoutEncoder.class);
        assertThat(root.getAppender("FILE")).isNull();
    }

    @Test
    void aConfiguredLogFileGetsMaskedLines() throws JoranException, IOException {
        Path file = directory.resolve("lethe.log");
        LoggerContext context = new LoggerContext();
        context.putProperty("LOG_FILE", file.toString());
        Logger root = configure(context);
        root.detachAppender("CONSOLE");

        context.getLogger("dev.lethe.test").warn("subject anna.schmidt@example.org, key password=hunter2");
        context.stop();

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains("subject [EMAIL_ADDRESS], key password=[SECRET]")
                .doesNotContain("anna.schmidt", "hunter2");
    }

    private static Logger configure(LoggerContext context) throws JoranException {
        context.setMDCAdapter(new LogbackMDCAdapter());
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackSpringXmlTest.class.getResource("/logback-spring.xml"));
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
