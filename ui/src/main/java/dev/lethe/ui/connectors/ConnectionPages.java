package dev.lethe.ui.connectors;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.InvalidConfigException;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The engineers' connection pages: the list with each connection's last test and discovery, a
 * registration form generated from the connector type's settings, a connection's page with test and
 * discover (answered as htmx fragments), change and removal. Secrets are never put into a page: the
 * form's secret inputs stay empty and an empty one keeps the stored value. The form pages (register,
 * change, remove) open only for those who may post them.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR},
        write = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
class ConnectionPages {

    /** A row of the list. */
    record Row(
            ConnectionView connection,
            Optional<ConnectionHistory.LastTest> test,
            Optional<ConnectionHistory.LastDiscovery> discovery) {}

    private final Connections connections;
    private final ConnectorTypes types;
    private final ConnectionOperations operations;
    private final ConnectionHistory history;

    ConnectionPages(Connections connections, ConnectorTypes types, ConnectionOperations operations, AuditTrail trail) {
        this.connections = connections;
        this.types = types;
        this.operations = operations;
        this.history = new ConnectionHistory(trail);
    }

    @GetMapping("/connections")
    String list(Authentication auth, Model model) {
        UUID tenant = Caller.tenant(auth);
        List<Row> rows = connections.list(tenant, PageRequest.of(0, PageRequest.MAX_LIMIT)).stream()
                .map(connection -> new Row(
                        connection,
                        history.lastTest(tenant, connection.id()),
                        history.lastDiscovery(tenant, connection.systemId())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("types", types.all());
        return "connections/list";
    }

    @PageAccess(
            read = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN},
            write = {})
    @GetMapping("/connections/new")
    String newConnection(@RequestParam(required = false) String type, Model model) {
        Optional<ConnectorType> chosen = types.find(type);
        if (chosen.isEmpty()) {
            model.addAttribute("types", types.all());
            return "connections/choose-type";
        }
        return form(model, chosen.get(), null, "", "", ConnectionForm.defaults(chosen.get()), Set.of(), Map.of(), null);
    }

    @PostMapping("/connections")
    String register(
            Authentication auth,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        ConnectorType type = types.find(form.getFirst("type")).orElseThrow(() -> new NotFoundException("type"));
        Map<String, Object> config = ConnectionForm.config(type, form);
        String name = form.getFirst("name");
        String system = form.getFirst("system");
        try {
            ConnectionView created =
                    connections.create(editor, new ConnectionRequest(name, type.name(), system, config));
            redirect.addFlashAttribute("notice", "Connection " + created.name() + " registered. Test it next.");
            return "redirect:/connections/" + created.id();
        } catch (RuntimeException e) {
            return refused(e, response, model, type, null, name, system, config, Set.of());
        }
    }

    @GetMapping("/connections/{id}")
    String detail(Authentication auth, @PathVariable UUID id, Model model) {
        UUID tenant = Caller.tenant(auth);
        ConnectionView connection = find(tenant, id);
        model.addAttribute("connection", connection);
        model.addAttribute("settings", ConnectionForm.listed(connection));
        model.addAttribute("test", history.lastTest(tenant, id).orElse(null));
        model.addAttribute(
                "discovery",
                history.lastDiscovery(tenant, connection.systemId()).orElse(null));
        return "connections/detail";
    }

    /** Tests the connection; answers the result fragment (a failed check is a result, not an error). */
    @PostMapping("/connections/{id}/test")
    String test(Authentication auth, @PathVariable UUID id, Model model) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        try {
            TestResult result = operations.test(editor, id);
            model.addAttribute("result", result);
        } catch (ConnectorException e) {
            model.addAttribute("failure", e.getMessage());
        }
        return "connections/detail :: test-result";
    }

    /** Discovers the system into the data map; answers what was found, with links to review it. */
    @PostMapping("/connections/{id}/discover")
    String discover(Authentication auth, @PathVariable UUID id, Model model) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        try {
            ImportSummary summary = operations.discover(editor, id);
            model.addAttribute("summary", summary);
        } catch (ConnectorException | ConnectionOperations.UnsupportedCapabilityException e) {
            model.addAttribute("failure", e.getMessage());
        }
        return "connections/detail :: discovery-result";
    }

    @PageAccess(
            read = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN},
            write = {})
    @GetMapping("/connections/{id}/edit")
    String edit(Authentication auth, @PathVariable UUID id, Model model) {
        ConnectionView connection = find(Caller.tenant(auth), id);
        ConnectorType type = types.require(connection.type());
        return form(
                model,
                type,
                connection,
                connection.name(),
                connection.system(),
                ConnectionForm.plain(connection),
                ConnectionForm.secretsSet(connection),
                Map.of(),
                null);
    }

    @PostMapping("/connections/{id}/edit")
    String update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        ConnectionView current = find(editor.tenantId(), id);
        ConnectorType type = types.require(current.type());
        Map<String, Object> config = ConnectionForm.config(type, form);
        String name = form.getFirst("name");
        String system = form.getFirst("system");
        try {
            int version = Integer.parseInt(String.valueOf(form.getFirst("version")));
            connections.update(editor, id, version, new ConnectionRequest(name, null, system, config));
            redirect.addFlashAttribute("notice", "Connection " + name + " changed.");
            return "redirect:/connections/" + id;
        } catch (NumberFormatException e) {
            return refused(
                    new InvalidInputException("the form lacks its version; open it again"),
                    response,
                    model,
                    type,
                    current,
                    name,
                    system,
                    config,
                    ConnectionForm.secretsSet(current));
        } catch (RuntimeException e) {
            return refused(e, response, model, type, current, name, system, config, ConnectionForm.secretsSet(current));
        }
    }

    @PageAccess(
            read = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN},
            write = {})
    @GetMapping("/connections/{id}/delete")
    String confirmDelete(Authentication auth, @PathVariable UUID id, Model model) {
        model.addAttribute("connection", find(Caller.tenant(auth), id));
        return "connections/delete";
    }

    @PostMapping("/connections/{id}/delete")
    String delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam int version,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        ConnectionView connection = find(editor.tenantId(), id);
        try {
            connections.delete(editor, id, version);
        } catch (VersionConflictException | ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("connection", connection);
            model.addAttribute("error", "The connection was not removed: " + e.getMessage());
            return "connections/delete";
        }
        redirect.addFlashAttribute("notice", "Connection " + connection.name() + " removed.");
        return "redirect:/connections";
    }

    /**
     * Approves the connection at the version the page showed; refused (403 page) for those who may
     * not, and with a message for its own submitter or a connection that changed since.
     */
    @PageAccess(
            read = {Role.PRIVACY_OFFICER, Role.ADMIN},
            write = {Role.PRIVACY_OFFICER, Role.ADMIN})
    @PostMapping("/connections/{id}/approval")
    String approve(Authentication auth, @PathVariable UUID id, @RequestParam int version, RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        try {
            ConnectionView approved = connections.approve(editor, id, version);
            redirect.addFlashAttribute("notice", "Connection " + approved.name() + " approved.");
        } catch (Connections.OwnSubmissionException | VersionConflictException | ConflictException e) {
            redirect.addFlashAttribute("error", "Not approved: " + e.getMessage());
        }
        return "redirect:/connections/" + id;
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound() {
        ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    private String form(
            Model model,
            ConnectorType type,
            ConnectionView connection,
            String name,
            String system,
            Map<String, String> values,
            Set<String> secretsSet,
            Map<String, String> errors,
            String error) {
        model.addAttribute("type", type);
        model.addAttribute("connection", connection);
        model.addAttribute("name", name);
        model.addAttribute("system", system);
        model.addAttribute("inputs", ConnectionForm.inputs(type, values, secretsSet, errors));
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        return "connections/form";
    }

    /** The form again, with what was wrong beside each setting; nothing secret is shown again. */
    private String refused(
            RuntimeException e,
            HttpServletResponse response,
            Model model,
            ConnectorType type,
            ConnectionView connection,
            String name,
            String system,
            Map<String, Object> config,
            Set<String> secretsSet) {
        Map<String, String> errors = new LinkedHashMap<>();
        String error;
        switch (e) {
            case InvalidConfigException invalid -> {
                invalid.problems().forEach(problem -> errors.merge(problem.field(), problem.message(), this::both));
                error = "Some settings are not right: "
                        + invalid.problems().stream()
                                .map(ConfigProblem::toString)
                                .collect(Collectors.joining("; "));
            }
            case RegistrationTargets.TargetRefusedException refusedTarget -> {
                errors.put(refusedTarget.field(), refusedTarget.getMessage());
                error = "Lethe may not connect there: " + refusedTarget.getMessage();
            }
            case InvalidInputException invalid -> error = invalid.getMessage();
            case ConflictException conflict -> error = conflict.getMessage();
            case ConnectorTypes.UnknownTypeException unknown -> error = unknown.getMessage();
            case VersionConflictException conflict ->
                error = "Someone changed the connection meanwhile; open it again to see their change.";
            default -> throw e;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(
                model,
                type,
                connection,
                name == null ? "" : name,
                system == null ? "" : system,
                ConnectionForm.shown(type, config),
                secretsSet,
                errors,
                error);
    }

    private String both(String first, String second) {
        return first + "; " + second;
    }

    private ConnectionView find(UUID tenant, UUID id) {
        return connections.find(tenant, id).orElseThrow(() -> new NotFoundException("connection " + id));
    }
}
