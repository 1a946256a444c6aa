package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.lethe.ui.outbox.Outbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GreenMailOutboxTest {

    private final GreenMail mail =
            new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void theMailsReceivedAreListedNewestFirstWithTheirText() {
        mail.start();
        GreenMailUtil.sendTextEmail(
                "ann@example.org",
                "privacy@localhost",
                "First",
                "Your code: 123456",
                mail.getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(
                "bob@example.org",
                "privacy@localhost",
                "Second",
                "Grüße",
                mail.getSmtp().getServerSetup());

        List<Outbox.Mail> received = new GreenMailOutbox(mail).received();

        assertThat(received).extracting(Outbox.Mail::subject).containsExactly("Second", "First");
        assertThat(received.get(1).to()).isEqualTo("ann@example.org");
        assertThat(received.get(1).body()).contains("Your code: 123456");
        assertThat(received.get(0).body()).contains("Grüße");
        assertThat(received.get(0).received()).isNotNull();
    }
}
