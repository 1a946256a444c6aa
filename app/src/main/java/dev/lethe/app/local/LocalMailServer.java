package dev.lethe.app.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on loopback (GreenMail, in memory) that receives the portal's mails when no relay is
 * configured, so that the whole portal flow works on one machine with {@code ./lethe up}. The mails
 * can be read over IMAP on loopback: user and password are both the recipient's address. Nothing
 * leaves the machine, and nothing is kept after it stops.
 */
final class LocalMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMailServer.class);

    private final GreenMail mail;

    private LocalMailServer(GreenMail mail) {
        this.mail = mail;
    }

    /** Starts SMTP and IMAP on free loopback ports. */
    static LocalMailServer start() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
        });
        mail.start();
        log.info(
                "Portal mails go to the embedded SMTP server on 127.0.0.1:{}; read them on the page /admin/outbox"
                        + " (ADMIN), or over IMAP on 127.0.0.1:{} (user and password: the recipient's address)",
                mail.getSmtp().getPort(),
                mail.getImap().getPort());
        return new LocalMailServer(mail);
    }

    /** The portal's mail settings pointing at this server (plain SMTP on loopback: no TLS settings apply). */
    Map<String, Object> portalProperties() {
        return Map.of(
                "lethe.portal.mail.host",
                "127.0.0.1",
                "lethe.portal.mail.port",
                mail.getSmtp().getPort(),
                "lethe.portal.mail.start-tls",
                false,
                "lethe.portal.mail.ssl",
                false,
                "lethe.portal.mail.ssl-bundle",
                "");
    }

    /** What the server received, for the outbox page. */
    GreenMailOutbox outbox() {
        return new GreenMailOutbox(mail);
    }

    @Override
    public void close() {
        mail.stop();
    }
}
