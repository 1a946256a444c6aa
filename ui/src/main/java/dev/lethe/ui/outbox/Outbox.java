package dev.lethe.ui.outbox;

import java.time.Instant;
import java.util.List;

/**
 * The mails an embedded SMTP server received: there is a bean of this type only when one runs (the {@code local}
 * profile of {@code ./lethe up} without a relay configured), so that someone trying Lethe on one machine can read
 * the portal's codes and links on the {@link OutboxPage}. Production has none.
 */
public interface Outbox {

    /** A mail as received. */
    record Mail(Instant received, String to, String subject, String body) {}

    /** Every mail received since the server started, newest first. */
    List<Mail> received();
}
