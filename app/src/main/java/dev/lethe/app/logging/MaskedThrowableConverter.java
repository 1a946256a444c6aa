package dev.lethe.app.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.function.Supplier;

/**
 * A stack trace with personal data and secrets masked in its messages: each line that is not a frame
 * ({@code at …}, {@code ... n more}) goes through {@link LogMasking}. Frames carry class names and line
 * numbers only and pass as they are, so a trace stays readable and costs little. The rendering itself is
 * the wrapped converter's ({@code %ex}, {@code %xEx}, Spring Boot's {@code %wEx} …), options included.
 */
public final class MaskedThrowableConverter extends ThrowableHandlingConverter {

    private final ThrowableHandlingConverter rendering;

    public MaskedThrowableConverter(Supplier<? extends ThrowableHandlingConverter> rendering) {
        this.rendering = rendering.get();
    }

    @Override
    public void start() {
        rendering.setContext(getContext());
        rendering.setOptionList(getOptionList());
        rendering.start();
        super.start();
    }

    @Override
    public void stop() {
        rendering.stop();
        super.stop();
    }

    @Override
    public String convert(ILoggingEvent event) {
        if (event.getThrowableProxy() == null) {
            return rendering.convert(event);
        }
        try {
            return maskMessages(rendering.convert(event));
        } catch (RuntimeException | StackOverflowError e) {
            return LogMasking.REDACTED + System.lineSeparator();
        }
    }

    static String maskMessages(String trace) {
        StringBuilder out = new StringBuilder(trace.length());
        int from = 0;
        while (from < trace.length()) {
            int end = trace.indexOf('\n', from);
            int next = end < 0 ? trace.length() : end + 1;
            String line = trace.substring(from, end < 0 ? trace.length() : end);
            out.append(isFrame(line) ? line : LogMasking.mask(line));
            if (end >= 0) {
                out.append('\n');
            }
            from = next;
        }
        return out.toString();
    }

    private static boolean isFrame(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("at ") || trimmed.startsWith("... ") || trimmed.isEmpty();
    }
}
