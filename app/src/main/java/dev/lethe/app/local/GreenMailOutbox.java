package dev.lethe.app.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.lethe.ui.outbox.Outbox;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** What an embedded GreenMail server received, for the outbox page. Thread-safe (GreenMail's store is). */
public final class GreenMailOutbox implements Outbox {

    private final GreenMail mail;

    public GreenMailOutbox(GreenMail mail) {
        this.mail = mail;
    }

    @Override
    public List<Mail> received() {
        List<Mail> mails = new ArrayList<>(Arrays.stream(mail.getReceivedMessages())
                .map(GreenMailOutbox::of)
                .toList());
        // In the order they arrived, then turned: newest first.
        Collections.reverse(mails);
        return mails;
    }

    private static Mail of(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return new Mail(
                    message.getReceivedDate() != null
                            ? message.getReceivedDate().toInstant()
                            : message.getSentDate() != null
                                    ? message.getSentDate().toInstant()
                                    : Instant.EPOCH,
                    to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", ")),
                    message.getSubject() == null ? "" : message.getSubject(),
                    message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message));
        } catch (MessagingException | IOException e) {
            return new Mail(Instant.EPOCH, "", "(unreadable)", e.getClass().getSimpleName());
        }
    }
}
