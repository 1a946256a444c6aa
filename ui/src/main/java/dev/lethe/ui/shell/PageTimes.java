package dev.lethe.ui.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write a moment: to the minute, in UTC, the same on every page; a dash for none. */
public final class PageTimes {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private PageTimes() {}

    public static String format(Instant at) {
        return at == null ? "—" : MINUTE.format(at);
    }
}
