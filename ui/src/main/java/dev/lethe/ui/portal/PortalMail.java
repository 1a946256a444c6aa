package dev.lethe.ui.portal;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
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

    void sendCode(String to, String organisation, String code, long validMinutes, Locale locale) {
        send(
                to,
                messages.getMessage("portal.mail.code.subject", new Object[] {organisation}, locale),
                messages.getMessage("portal.mail.code.body", new Object[] {organisation, code, validMinutes}, locale));
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
            // The exception may quote the address: only its kind travels on.
            throw new Unavailable(
                    "the SMTP relay did not take the mail (" + e.getClass().getSimpleName() + ")", null);
        }
    }
}
