package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lethe.workflows.request.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Fuzzes what a visitor posts to the public portal (docs/security.md#fuzzing): the request type in the
 * path, the form's fields (e-mail, phone, the category and value of a correction, the purpose objected
 * to, the agent's declaration) and the {@code ?lang=} switch. Properties: a form is either accepted
 * (and then every limit holds: sizes, formats, known codes, the declaration) or refused with problems
 * that name known fields and messages that exist in every language, never the values; the form's
 * {@code toString} names no value; a type is a known one or not found; only a supported language ever
 * reaches the cookie.
 */
class PortalFormFuzzTest {

    private static final Set<String> CATEGORIES = Set.of("contact.address", "contact.email");
    private static final Set<String> PURPOSES = Set.of("marketing", "analytics.profiling");
    private static final Set<String> FIELDS = Set.of(
            "email", "phone", "correctionOf", "correction", "purpose", "declaration", "agentName", "agentRelation");
    private static final Properties[] MESSAGES = {
        messages("messages.properties"), messages("messages_de.properties"), messages("messages_fr.properties")
    };

    static Stream<Arguments> visitorInputIsAcceptedOrRefusedCleanly() {
        return Stream.of(
                arguments("access", " ann@example.org ", "+49 30 123456", "", "", "", false, false, "de"),
                arguments("rectification", "a@b.c", "", "contact.address", "Sample Street 5", "", true, true, "fr"),
                arguments("objection", "x@y", "call me", "", "", "marketing", true, false, "xx"),
                arguments("Erasure", "@", "1".repeat(40), "religion", "x".repeat(600), "", false, true, "en\r\n"));
    }

    @MethodSource
    @FuzzTest
    void visitorInputIsAcceptedOrRefusedCleanly(
            String typeName,
            String email,
            String phone,
            String correctionOf,
            String correction,
            String purpose,
            boolean agent,
            boolean declaration,
            String lang) {
        RequestType type;
        try {
            type = PortalController.type(typeName);
            assertThat(type.name().toLowerCase(Locale.ROOT)).isEqualTo(typeName);
        } catch (PortalController.NotFound e) {
            type = RequestType.ACCESS;
        }

        var form = new PortalForm(email, phone, correctionOf, correction, purpose, agent, declaration);
        Map<String, String> problems = form.problems(type, CATEGORIES, PURPOSES);
        assertThat(form.toString()).matches("PortalForm\\[identities \\[(phone)?], agent (true|false)]");
        assertThat(problems.keySet()).isSubsetOf(FIELDS);
        for (String message : problems.values()) {
            for (Properties bundle : MESSAGES) {
                assertThat(bundle).as("message %s", message).containsKey(message);
            }
        }
        if (problems.isEmpty()) {
            assertThat(form.email())
                    .hasSizeLessThanOrEqualTo(PortalForm.EMAIL_MAX)
                    .contains("@");
            assertThat(form.phone()).hasSizeLessThanOrEqualTo(PortalForm.PHONE_MAX);
            assertThat(form.identities().values())
                    .containsEntry("email", form.email().toLowerCase(Locale.ROOT));
            assertThat(!agent || declaration).isTrue();
            assertThat(agent)
                    .as("an agent must give a name, which this form lacks")
                    .isFalse();
            if (type == RequestType.RECTIFICATION) {
                assertThat(CATEGORIES).contains(form.correctionOf());
                assertThat(form.correction()).isNotEmpty().hasSizeLessThanOrEqualTo(PortalForm.CORRECTION_MAX);
            }
            if (type == RequestType.OBJECTION) {
                assertThat(PURPOSES).contains(form.purposeFor(type));
            }
        }

        var request = new MockHttpServletRequest("GET", "/privacy/acme");
        var response = new MockHttpServletResponse();
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, PortalLanguages.resolver());
        if (lang != null) {
            request.setParameter("lang", lang);
        }
        assertThat(new PortalLanguages.Switch().preHandle(request, response, new Object()))
                .isTrue();
        var cookie = response.getCookie(PortalLanguages.COOKIE);
        if (lang != null && PortalLanguages.SUPPORTED.contains(lang)) {
            assertThat(cookie).isNotNull();
            assertThat(cookie.getValue()).isEqualTo(lang);
        } else {
            assertThat(cookie).isNull();
        }
    }

    private static Properties messages(String name) {
        var properties = new Properties();
        try (InputStream in = PortalFormFuzzTest.class.getResourceAsStream("/" + name)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
