package dev.lethe.ui.shell;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.ui.security.UserAuthentication;
import java.util.stream.Collectors;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/** What every page's shell shows: who is signed in, and the CSRF header htmx sends with its requests. */
@ControllerAdvice(annotations = WebPage.class)
class ShellAdvice {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The signed-in person as the shell names them. */
    record SignedInPerson(String displayName, String roles) {}

    private final Accounts accounts;

    ShellAdvice(Accounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("signedIn")
    SignedInPerson signedIn() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof UserAuthentication person)) {
            return null;
        }
        String roles = person.roles().stream()
                .map(role -> role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .sorted()
                .collect(Collectors.joining(", "));
        String name = accounts.find(person.tenantId(), person.userId())
                .map(account -> account.displayName())
                .orElse("");
        return new SignedInPerson(name, roles);
    }

    /** {@code {"X-CSRF-TOKEN": "..."}} for the body's {@code hx-headers}: htmx's posts carry the token. */
    @ModelAttribute("csrfHeaders")
    String csrfHeaders(CsrfToken token) {
        return token == null
                ? null
                : JSON.writeValueAsString(java.util.Map.of(token.getHeaderName(), token.getToken()));
    }
}
