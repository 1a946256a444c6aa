package dev.lethe.ui.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The portal's mails, in the person's language: the one-time code, and once verified the link to the
 * status page. Sent through the configured SMTP relay ({@code lethe.portal.mail.*}); nothing is logged
 * of them (the address is personal data, the code a secret).
 */
class PortalMail {

    /** No SMTP relay is configured, or it refused the mail: the person is told to try again later. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PortalMail.class);

    private final JavaMailSender sender;
    private final PortalProperties.Mail settings;
    private final MessageSource messages;

    PortalMail(JavaMailSender sender, PortalProperties.Mail settings, MessageSource messages) {
        this.sender = sender;
        this.settings = settings;
        this.messages = messages;
    }

    boolean configured() {
        return !settings.host().isBlank();
    }

    /** The code, and the magic link that does what the code does (after a press of a button on its page). */
    void sendCode(String to, String organisation, String code, long validMinutes, String link, Locale locale) {
        send(
                to,
                messages.getMessage("portal.mail.code.subject", new Object[] {organisation}, locale),
                messages.getMessage(
                        "portal.mail.code.body", new Object[] {organisation, code, validMinutes, link}, locale));
    }

    /** The download code, and the link that grants the download as the code does (after a press of a button). */
    void sendDownloadCode(String to, String organisation, String code, long validMinutes, String link, Locale locale) {
        send(
                to,
                messages.getMessage("portal.mail.download.subject", new Object[] {organisation}, locale),
                messages.getMessage(
                        "portal.mail.download.body", new Object[] {organisation, code, validMinutes, link}, locale));
    }

    void sendStatusLink(String to, String organisation, String statusUrl, Locale locale) {
        send(
                to,
                messages.getMessage("portal.mail.status.subject", new Object[] {organisation}, locale),
                messages.getMessage("portal.mail.status.body", new Object[] {organisation, statusUrl}, locale));
    }

    private void send(String to, String subject, String body) {
        if (!configured()) {
            throw new Unavailable("lethe.portal.mail.host is not set", null);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
        } catch (MailException e) {
            // The exceptions may quote the address: only their kinds travel on, enough to tell a refused TLS
            // handshake (SSLHandshakeException) or a relay without STARTTLS (MessagingException) from a timeout.
            String kinds = kinds(e);
            log.warn("The SMTP relay did not take a portal mail: {}", kinds);
            throw new Unavailable("the SMTP relay did not take the mail (" + kinds + ")", null);
        }
    }

    private static String kinds(Throwable thrown) {
        List<String> kinds = new ArrayList<>();
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < 8; depth++) {
            kinds.add(cause.getClass().getSimpleName());
            Throwable next = cause.getCause();
            if (next == null && cause instanceof MailSendException send && send.getMessageExceptions().length > 0) {
                next = send.getMessageExceptions()[0];
            }
            cause = next == cause ? null : next;
        }
        return String.join(" < ", kinds);
    }
}
