package dev.lethe.app.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * A {@link PatternLayout} whose message and exception conversion words mask personal data and secrets,
 * whatever the pattern: {@code %m}/{@code %msg}/{@code %message} and every throwable word (logback's and
 * Spring Boot's {@code %wex}/{@code %wEx}) are replaced for this layout, ahead of any conversion rule of
 * the configuration; a pattern without a throwable word gets a masked {@code %xEx} appended, where a
 * plain layout would append an unmasked one.
 */
public final class MaskingPatternLayout extends PatternLayout {

    @SuppressWarnings("rawtypes") // logback declares its converter maps with the raw type
    public MaskingPatternLayout() {
        Map<String, Supplier<DynamicConverter>> words = getInstanceConverterMap();
        for (String word : new String[] {"m", "msg", "message"}) {
            words.put(word, MaskedMessageConverter::new);
        }
        throwable(words, ThrowableProxyConverter::new, "ex", "exception", "throwable");
        throwable(words, ExtendedThrowableProxyConverter::new, "xEx", "xException", "xThrowable");
        throwable(words, RootCauseFirstThrowableProxyConverter::new, "rEx", "rootException");
        throwable(words, WhitespaceThrowableProxyConverter::new, "wex");
        throwable(words, ExtendedWhitespaceThrowableProxyConverter::new, "wEx");
        setPostCompileProcessor(MaskingPatternLayout::ensureMaskedExceptions);
    }

    @SuppressWarnings("rawtypes")
    private static void throwable(
            Map<String, Supplier<DynamicConverter>> words,
            Supplier<? extends ThrowableHandlingConverter> rendering,
            String... names) {
        for (String name : names) {
            words.put(name, () -> new MaskedThrowableConverter(rendering));
        }
    }

    private static void ensureMaskedExceptions(Context context, Converter<ILoggingEvent> head) {
        if (head == null || new EnsureExceptionHandling().chainHandlesThrowable(head)) {
            return;
        }
        Converter<ILoggingEvent> tail = head;
        while (tail.getNext() != null) {
            tail = tail.getNext();
        }
        MaskedThrowableConverter exceptions = new MaskedThrowableConverter(ExtendedThrowableProxyConverter::new);
        exceptions.setContext(context);
        exceptions.start();
        tail.setNext(exceptions);
    }
}
