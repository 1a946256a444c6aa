package dev.lethe.ui.apikeys;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.ui.apikeys.ApiKeyRequests.CreatedKey;
import dev.lethe.ui.apikeys.ApiKeyRequests.KeyView;
import dev.lethe.ui.apikeys.ApiKeyRequests.NewKey;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.PageTimes;
import dev.lethe.ui.shell.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API keys page for ADMINs: the tenant's keys (prefix, roles, scopes, owner, last use, expiry), making
 * one — its secret shown on the answering page once, never again — and revoking one. Through {@link
 * ApiKeyManagement}, as the API: a key made here is owned by the signed-in person and holds at most their
 * roles, which is all the form offers.
 */
@Controller
@WebPage
@PageAccess(read = Role.ADMIN, write = Role.ADMIN)
@RequestMapping("/admin/api-keys")
class ApiKeysPage {

    /** A key as a row of the table. */
    record KeyRow(
            UUID id,
            String name,
            String prefix,
            String roles,
            String scopes,
            String owner,
            String created,
            String lastUsed,
            String expires,
            boolean expired) {

        static KeyRow of(KeyView key, Instant now) {
            return new KeyRow(
                    key.id(),
                    key.name(),
                    key.prefix(),
                    key.roles().stream().map(Role::name).collect(Collectors.joining(", ")),
                    String.join(", ", key.scopes()),
                    key.owner() == null
                            ? "— (no person: a service or the bootstrap key)"
                            : key.owner().displayName(),
                    PageTimes.format(key.createdAt()),
                    key.lastUsedAt() == null ? "Never" : PageTimes.format(key.lastUsedAt()),
                    key.expiresAt() == null ? "Never" : PageTimes.format(key.expiresAt()),
                    key.expiresAt() != null && !key.expiresAt().isAfter(now));
        }
    }

    private final ApiKeyManagement keys;

    ApiKeysPage(ApiKeyManagement keys) {
        this.keys = keys;
    }

    @GetMapping
    String page(LetheAuthentication caller, Model model) {
        return render(caller, model);
    }

    @PostMapping
    String create(
            LetheAuthentication caller,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(name = "roles", required = false) List<Role> roles,
            @RequestParam(name = "scopes", required = false) List<String> scopes,
            @RequestParam(defaultValue = "") String expiresOn,
            Model model,
            HttpServletResponse response) {
        try {
            Instant expiresAt = expiresOn.isBlank() ? null : startOf(expiresOn);
            CreatedKey created = keys.create(
                    caller,
                    new NewKey(
                            name,
                            roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles),
                            scopes == null ? Set.of() : Set.copyOf(scopes),
                            expiresAt));
            // The secret is on this page and nowhere else: no cache keeps it.
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
        } catch (ApiKeyProblem e) {
            model.addAttribute("error", message(e));
            model.addAttribute("name", name);
        }
        return render(caller, model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(LetheAuthentication caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            keys.revoke(caller, id);
            redirect.addFlashAttribute("message", "The key is revoked: it no longer works.");
        } catch (ApiKeyProblem e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/api-keys";
    }

    private String render(LetheAuthentication caller, Model model) {
        Instant now = Instant.now();
        model.addAttribute(
                "keys",
                keys.list(caller.tenantId()).stream()
                        .map(key -> KeyRow.of(key, now))
                        .toList());
        // The form offers what a key made here may hold: the person's own roles and scopes.
        model.addAttribute("offeredRoles", caller.roles().stream().sorted().toList());
        model.addAttribute(
                "offeredScopes",
                caller.scopes().stream().sorted().map(Scope::code).toList());
        return "admin/api-keys";
    }

    /** A date in the form: the key stops working as that day begins (UTC). */
    private static Instant startOf(String date) {
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiKeyProblem(HttpStatus.BAD_REQUEST, "Enter the date as YYYY-MM-DD");
        }
    }

    /** The problem in a person's words: the API's messages name JSON fields. */
    private static String message(ApiKeyProblem e) {
        String text = e.getMessage();
        if (text.startsWith("name")) {
            return "Enter a name of 1 to " + ApiKeyManagement.MAX_NAME_LENGTH + " characters.";
        }
        if (text.startsWith("roles")) {
            return "Choose at least one role.";
        }
        if (text.startsWith("scopes")) {
            return "Choose at least one scope.";
        }
        if (text.startsWith("expiresAt")) {
            return "The expiry date must be in the future.";
        }
        return text.endsWith(".") ? text : text + ".";
    }
}
