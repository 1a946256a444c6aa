package dev.lethe.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;

/**
 * The encoder of Lethe's console and file output ({@code logback-spring.xml}): logback's pattern encoder
 * with a {@link MaskingPatternLayout}, so no message or stack trace reaches a log unmasked.
 */
public final class MaskingPatternLayoutEncoder extends PatternLayoutEncoderBase<ILoggingEvent> {

    @Override
    public void start() {
        MaskingPatternLayout masking = new MaskingPatternLayout();
        masking.setContext(context);
        masking.setPattern(getPattern());
        masking.setOutputPatternAsHeader(outputPatternAsHeader);
        masking.start();
        this.layout = masking;
        super.start();
    }
}
