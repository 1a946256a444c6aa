package dev.lethe.catalog.ropa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.flow.Safeguard;
import dev.lethe.catalog.processing.ProcessingRole;
import dev.lethe.catalog.ropa.RecordOfProcessing.Activity;
import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Retention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Transfer;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RopaRenderingTest {

    private static final RecordOfProcessing RECORD = new RecordOfProcessing(
            UUID.randomUUID(),
            "Shop <AG> & Co",
            Instant.parse("2026-01-02T03:04:05Z"),
            List.of(new Activity(
                    "=HYPERLINK(\"x\")",
                    "Says \"hello\"",
                    "marketing",
                    "Direct marketing",
                    LegalBasis.CONSENT,
                    ProcessingRole.CONTROLLER,
                    List.of("customer"),
                    List.of("contact.email", "special.health"),
                    List.of("special.health"),
                    List.of("Mail provider"),
                    List.of(new Transfer(
                            "Newsletter", "Mailer Inc.", true, "US", Safeguard.STANDARD_CONTRACTUAL_CLAUSES)),
                    List.of(new Retention("Emails", "category contact", "P2Y", "DELETE", true)),
                    List.of("crm"))),
            List.of(
                    new DatasetRetention(
                            "crm",
                            "=contacts",
                            "Emails",
                            "category contact",
                            "P2Y",
                            "DELETE",
                            true,
                            Instant.parse("2026-12-01T03:00:07Z")),
                    new DatasetRetention("crm", "notes", null, null, null, null, false, null)));

    @Test
    void csvQuotesEveryCellAndDefusesFormulas() {
        String[] lines = RopaCsv.render(RECORD).split("\r\n");

        assertThat(lines).hasSize(2);
        assertThat(lines[1])
                .startsWith("\"'=HYPERLINK(\"\"x\"\")\",\"Says \"\"hello\"\"\"")
                .contains("\"contact.email; special.health\"")
                .contains("Newsletter → Mailer Inc. (outside the EEA, US, safeguard STANDARD_CONTRACTUAL_CLAUSES)")
                .contains("Emails: DELETE category contact after P2Y");
    }

    @Test
    void htmlEscapesWhatTheCatalogHolds() {
        String html = RopaHtml.render(RECORD);

        assertThat(html)
                .contains("Controller: Shop &lt;AG&gt; &amp; Co")
                .contains("<h2>=HYPERLINK(&quot;x&quot;)</h2>")
                .contains("2026-01-02T03:04:05 UTC")
                .doesNotContain("<AG>");
    }

    @Test
    void everyFormatShowsPerDatasetItsPolicyAndWhenItWasLastEnforced() {
        String[] csv = RopaCsv.renderRetention(RECORD).split("\r\n");
        String html = RopaHtml.render(RECORD);
        String text = RopaPlainText.render(RECORD);

        assertThat(csv)
                .containsExactly(
                        "\"system\",\"dataset\",\"retention_policy\",\"scope\",\"period\",\"action\",\"enabled\",\"last_enforced\"",
                        "\"crm\",\"'=contacts\",\"Emails\",\"category contact\",\"P2Y\",\"DELETE\",\"true\",\"2026-12-01T03:00:07Z\"",
                        "\"crm\",\"notes\",\"\",\"\",\"\",\"\",\"\",\"\"");
        assertThat(html)
                .contains("<h2>Retention by dataset</h2>")
                .contains(
                        "<td>Emails: DELETE after P2Y (category contact)</td><td>last enforced 2026-12-01 03:00 UTC</td>")
                .contains("<td>notes</td><td>no retention policy</td>");
        assertThat(text)
                .contains(
                        "crm/=contacts: Emails: DELETE after P2Y (category contact), last enforced 2026-12-01 03:00 UTC")
                .contains("crm/notes: no retention policy")
                .contains("Retention: Emails: DELETE category contact after P2Y");
    }
}
