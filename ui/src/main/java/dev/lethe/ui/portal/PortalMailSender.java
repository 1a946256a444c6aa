package dev.lethe.ui.portal;

import java.util.Properties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The portal's own SMTP client for {@code lethe.portal.mail.*} (not Spring Boot's {@code spring.mail.*}: the
 * portal's relay is the portal's setting). With {@code start-tls} the connection is upgraded before anything is
 * sent, and a relay that does not offer STARTTLS is refused rather than written to in clear; with {@code ssl} it
 * speaks TLS from the first byte. Either way the relay's certificate is checked against the {@code ssl-bundle}'s
 * trust store (else the JVM's) and its host name against the certificate, so a man in the middle cannot read the
 * codes and status links.
 */
final class PortalMailSender {

    private PortalMailSender() {}

    /**
     * @param bundles where {@code ssl-bundle} is looked up; null only when no bundle is named
     * @throws org.springframework.boot.ssl.NoSuchSslBundleException when the named bundle is not configured
     */
    static JavaMailSenderImpl of(PortalProperties.Mail settings, SslBundles bundles) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setDefaultEncoding("UTF-8");
        if (!settings.host().isBlank()) {
            sender.setHost(settings.host());
            sender.setPort(settings.port());
            if (!settings.username().isBlank()) {
                sender.setUsername(settings.username());
                sender.setPassword(settings.password());
            }
        }
        Properties javaMail = sender.getJavaMailProperties();
        javaMail.put("mail.smtp.auth", String.valueOf(!settings.username().isBlank()));
        javaMail.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        javaMail.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        javaMail.put("mail.smtp.ssl.enable", String.valueOf(settings.ssl()));
        if (settings.encrypted()) {
            // Jakarta Mail trusts any name on a trusted certificate unless told to compare it with the host.
            javaMail.put("mail.smtp.ssl.checkserveridentity", "true");
            if (!settings.sslBundle().isBlank()) {
                if (bundles == null) {
                    throw new IllegalStateException("lethe.portal.mail.ssl-bundle is set, but no SSL bundles are"
                            + " configured (spring.ssl.bundle.*)");
                }
                // Used for the implicit TLS socket and for the STARTTLS upgrade alike.
                javaMail.put(
                        "mail.smtp.ssl.socketFactory",
                        bundles.getBundle(settings.sslBundle())
                                .createSslContext()
                                .getSocketFactory());
                // Jakarta Mail would otherwise retry a refused handshake with the JVM's trust store: the bundle
                // is the only trust there is.
                javaMail.put("mail.smtp.socketFactory.fallback", "false");
            }
        }
        javaMail.put("mail.smtp.connectiontimeout", "5000");
        javaMail.put("mail.smtp.timeout", "10000");
        javaMail.put("mail.smtp.writetimeout", "10000");
        return sender;
    }
}
