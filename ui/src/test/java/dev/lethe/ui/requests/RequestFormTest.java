package dev.lethe.ui.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.RequestType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestFormTest {

    private static final Set<String> REGULATIONS = Set.of("CCPA", "GDPR", "LGPD");

    @Test
    void aCompleteFormGivesTheRequest() {
        var checked = new RequestForm(
                        "erasure",
                        "gdpr",
                        "EMAIL",
                        " a@example.org ",
                        "+49 30 123456",
                        "C-7",
                        "account_no",
                        "991",
                        "",
                        "",
                        null)
                .check(REGULATIONS);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.request().type()).isEqualTo(RequestType.ERASURE);
        assertThat(checked.request().regulation()).isEqualTo("GDPR");
        assertThat(checked.request().channel()).isEqualTo(Channel.EMAIL);
        assertThat(checked.request().identities().values())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "email", "a@example.org", "phone", "+49 30 123456", "customer_id", "C-7", "account_no", "991"));
    }

    @Test
    void eachMistakeIsNamedByItsField() {
        var checked = new RequestForm(
                        null, "HIPAA", "PORTAL", "nope", "call me", null, "Bad Type", "x", "a = b", "ads", null)
                .check(REGULATIONS);
        assertThat(checked.request()).isNull();
        assertThat(checked.errors()).containsOnlyKeys("type", "regulation", "channel", "email", "phone", "otherType");
    }

    @Test
    void noIdentityAtAllIsOneMistake() {
        var checked = new RequestForm("ACCESS", "GDPR", "API", "", " ", null, null, null, null, null, null)
                .check(REGULATIONS);
        assertThat(checked.errors()).containsOnlyKeys("identities");
    }

    @Test
    void aRectificationTakesItsCorrectionsOneALine() {
        var checked = new RequestForm(
                        "RECTIFICATION",
                        "GDPR",
                        "EMAIL",
                        "a@example.org",
                        null,
                        null,
                        null,
                        null,
                        "contact.postal_address = Hauptstrasse 5, Berlin\n\nperson.name=Olga Example",
                        null,
                        null)
                .check(REGULATIONS);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.request().corrections())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("contact.postal_address", "Hauptstrasse 5, Berlin", "person.name", "Olga Example"));

        var malformed = new RequestForm(
                        "RECTIFICATION",
                        "GDPR",
                        "EMAIL",
                        "a@example.org",
                        null,
                        null,
                        null,
                        null,
                        "just a value",
                        null,
                        null)
                .check(REGULATIONS);
        assertThat(malformed.errors()).containsOnlyKeys("corrections");
    }

    @Test
    void anObjectionNamesItsPurpose() {
        var checked = new RequestForm(
                        "OBJECTION", "GDPR", "EMAIL", "a@example.org", null, null, null, null, null, "", null)
                .check(REGULATIONS);
        assertThat(checked.errors()).containsOnlyKeys("purpose");
    }

    @Test
    void itsTextNamesNoPersonalData() {
        assertThat(new RequestForm(
                                "ACCESS", "GDPR", "EMAIL", "a@example.org", "+4930", "C-7", "t", "v", "x=y", "p", null)
                        .toString())
                .doesNotContain("a@example.org", "+4930", "C-7", "x=y");
    }
}
