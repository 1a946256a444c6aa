package dev.lethe.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.workflows.request.RequestRecipients;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.run.RequestRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a person is asked to tell a recipient: the recipient, the request and the flows, never the subject. */
class RecipientNoticesTest {

    private final UUID newsletter = UUID.randomUUID();
    private final UUID unnamed = UUID.randomUUID();
    private final RequestRef ref = new RequestRef(UUID.randomUUID(), UUID.randomUUID());
    private final RequestRecipients.Recipient mailer = new RequestRecipients.Recipient(
            UUID.randomUUID(),
            "Mailer GmbH",
            List.of(unnamed, newsletter),
            RequestRecipients.Via.TASK,
            null,
            null,
            RequestRecipients.State.PENDING,
            null,
            null,
            Instant.now(),
            null,
            null);

    @Test
    void theTaskNamesTheRecipientWhatWasDoneTheFlowsAndTheRequest() {
        String text =
                RecipientNotices.instructions(ref, RequestType.RESTRICTION, mailer, Map.of(newsletter, "Newsletter"));

        assertThat(text)
                .contains("Art. 19", "Mailer GmbH", "restricted", "Newsletter", unnamed.toString())
                .contains(ref.requestId().toString());
        assertThat(RecipientNotices.instructions(ref, RequestType.ERASURE, mailer, Map.of()))
                .contains("erased");
        assertThat(RecipientNotices.instructions(ref, RequestType.RECTIFICATION, mailer, Map.of()))
                .contains("rectified");
    }

    @Test
    void onlyErasureRectificationAndRestrictionAreCommunicated() {
        assertThatThrownBy(() -> RecipientNotices.instructions(ref, RequestType.ACCESS, mailer, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestType.OBJECTION.notifiesRecipients()).isFalse();
    }
}
