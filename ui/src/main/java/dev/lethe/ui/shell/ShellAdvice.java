package dev.lethe.ui.shell;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.UserAuthentication;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** The signed-in person as the shell names them, and their roles for what the navigation offers. */
    record SignedInPerson(String displayName, String roles, Set<Role> roleSet) {

        /** Whether the person has any of the roles, by name: {@code signedIn.hasAny('ADMIN,AUDITOR')}. */
        public boolean hasAny(String names) {
            return Arrays.stream(names.split(","))
                    .map(String::strip)
                    .map(Role::valueOf)
                    .anyMatch(roleSet::contains);
        }
    }

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
                .map(role -> role.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .sorted()
                .collect(Collectors.joining(", "));
        String name = accounts.find(person.tenantId(), person.userId())
                .map(Account::displayName)
                .orElse("");
        return new SignedInPerson(name, roles, Set.copyOf(person.roles()));
    }

    /** {@code {"X-CSRF-TOKEN": "..."}} for the body's {@code hx-headers}: htmx's posts carry the token. */
    @ModelAttribute("csrfHeaders")
    String csrfHeaders(CsrfToken token) {
        return token == null ? null : JSON.writeValueAsString(Map.of(token.getHeaderName(), token.getToken()));
    }
}
