package dev.lethe.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.Marker;

/**
 * {@code %m}, {@code %msg}, {@code %message} with personal data and secrets masked ({@link LogMasking}).
 * A line marked {@link #ONE_TIME_SECRET} keeps its bare random token (the first ADMIN's set-up link is
 * meant to be read off the console), but is masked otherwise.
 */
public final class MaskedMessageConverter extends MessageConverter {

    /** The marker's name; {@code dev.lethe.ui.signin.FirstAdmin} logs its link with it. */
    public static final String ONE_TIME_SECRET = "LETHE_ONE_TIME_SECRET";

    @Override
    public String convert(ILoggingEvent event) {
        String message;
        try {
            message = super.convert(event);
        } catch (RuntimeException e) {
            // A toString() that throws: the raw arguments are not safe to print either.
            return LogMasking.REDACTED;
        }
        return LogMasking.mask(message, !oneTimeSecret(event));
    }

    private static boolean oneTimeSecret(ILoggingEvent event) {
        var markers = event.getMarkerList();
        if (markers == null) {
            return false;
        }
        for (Marker marker : markers) {
            if (ONE_TIME_SECRET.equals(marker.getName())) {
                return true;
            }
        }
        return false;
    }
}
