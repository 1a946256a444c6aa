package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.DataFields;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.system.DataSystem;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The data map's pages: systems with their datasets and a picture of the flows between them; a
 * dataset's fields, where discovered ones are confirmed or rejected (one, or many ticked at once) and
 * a field is marked as holding an identity. Every change names the version the page showed, so a
 * change someone made meanwhile is not overwritten.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR},
        write = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
class DataMapPages {

    /** Identity types offered for a field besides those the tenant's fields already use. */
    static final List<String> COMMON_IDENTITIES =
            List.of("email", "phone", "customer_id", "user_id", "account_id", "national_id");

    /** A system and its datasets. */
    record SystemEntry(DataSystem system, List<DatasetSummary> datasets) {}

    /** A flow as the table shows it, with names in place of ids. */
    record FlowRow(DataFlow flow, String from, String to) {}

    private final DataSystems systems;
    private final Datasets datasets;
    private final DataFields fields;
    private final DataFlows flows;

    DataMapPages(DataSystems systems, Datasets datasets, DataFields fields, DataFlows flows) {
        this.systems = systems;
        this.datasets = datasets;
        this.fields = fields;
        this.flows = flows;
    }

    @GetMapping("/data-map")
    String map(Authentication auth, Model model) {
        UUID tenant = Caller.tenant(auth);
        List<DataSystem> all = systems.list(tenant, PageRequest.of(0, PageRequest.MAX_LIMIT));
        Map<UUID, List<DatasetSummary>> bySystem =
                datasets.list(tenant, null, null, PageRequest.of(0, PageRequest.MAX_LIMIT)).stream()
                        .collect(Collectors.groupingBy(DatasetSummary::systemId));
        List<DataFlow> flowList = flows.list(tenant);
        Map<UUID, String> systemNames = new HashMap<>();
        all.forEach(system -> systemNames.put(system.id(), system.name()));
        Map<UUID, String> datasetNames = new HashMap<>();
        bySystem.values().forEach(list -> list.forEach(dataset -> datasetNames.put(dataset.id(), dataset.name())));
        model.addAttribute(
                "systems",
                all.stream()
                        .map(system -> new SystemEntry(system, bySystem.getOrDefault(system.id(), List.of())))
                        .toList());
        model.addAttribute("picture", FlowPicture.of(all, flowList));
        model.addAttribute(
                "flows",
                flowList.stream()
                        .map(flow -> new FlowRow(
                                flow,
                                place(systemNames, datasetNames, flow.fromSystemId(), flow.fromDatasetId()),
                                flow.toSystemId() == null
                                        ? flow.externalRecipient() + " (external)"
                                        : place(systemNames, datasetNames, flow.toSystemId(), flow.toDatasetId())))
                        .toList());
        return "datamap/map";
    }

    @GetMapping("/data-map/datasets/{id}")
    String dataset(Authentication auth, @PathVariable UUID id, Model model) {
        UUID tenant = Caller.tenant(auth);
        Dataset dataset = datasets.find(tenant, id).orElseThrow(() -> new NotFoundException("dataset " + id));
        model.addAttribute("dataset", dataset);
        model.addAttribute(
                "system",
                systems.find(tenant, dataset.systemId()).map(DataSystem::name).orElse(""));
        model.addAttribute(
                "discovered",
                dataset.fields().stream()
                        .filter(field -> field.status() == FieldStatus.DISCOVERED)
                        .count());
        TreeSet<String> identities = new TreeSet<>(COMMON_IDENTITIES);
        dataset.fields().stream()
                .map(DataField::identityType)
                .filter(Objects::nonNull)
                .forEach(identities::add);
        model.addAttribute("identityTypes", identities);
        return "datamap/dataset";
    }

    /**
     * Confirms or rejects the ticked fields ({@code field=<id>:<version>}, {@code decision}), or the one
     * whose own button was pressed ({@code one=<decision>:<id>:<version>}).
     */
    @PostMapping("/data-map/datasets/{id}/review")
    String review(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam(name = "field", required = false) List<String> ticked,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String one,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        datasets.find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("dataset " + id));
        List<String> chosen = new ArrayList<>();
        String verdict = decision;
        if (one != null && one.indexOf(':') > 0) {
            verdict = one.substring(0, one.indexOf(':'));
            chosen.add(one.substring(one.indexOf(':') + 1));
        } else if (ticked != null) {
            chosen.addAll(ticked);
        }
        FieldStatus status = "CONFIRM".equals(verdict)
                ? FieldStatus.CONFIRMED
                : "REJECT".equals(verdict) ? FieldStatus.REJECTED : null;
        if (status == null || chosen.isEmpty()) {
            redirect.addFlashAttribute("error", "Tick the fields to decide on, then press Confirm or Reject.");
            return "redirect:/data-map/datasets/" + id;
        }
        int decided = 0;
        List<String> problems = new ArrayList<>();
        for (String choice : chosen) {
            Versioned field = Versioned.parse(choice);
            DataField current = field == null
                    ? null
                    : fields.find(editor.tenantId(), field.id()).orElse(null);
            if (current == null || !current.datasetId().equals(id)) {
                problems.add("a field that is no longer in this dataset");
                continue;
            }
            try {
                fields.decide(editor, field.id(), field.version(), status);
                decided++;
            } catch (VersionConflictException e) {
                problems.add(current.path() + " (changed meanwhile)");
            }
        }
        String verb = status == FieldStatus.CONFIRMED ? "confirmed" : "rejected";
        redirect.addFlashAttribute("notice", decided + (decided == 1 ? " field " : " fields ") + verb + ".");
        if (!problems.isEmpty()) {
            redirect.addFlashAttribute(
                    "error", "Not " + verb + ": " + String.join(", ", problems) + ". Look again and decide anew.");
        }
        return "redirect:/data-map/datasets/" + id;
    }

    /** Sets (or, with an empty type, clears) the identity type a field holds. */
    @PostMapping("/data-map/fields/{id}/identity")
    String identity(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam(required = false) String identityType,
            @RequestParam int version,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        DataField field = fields.find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("field " + id));
        try {
            DataField changed = fields.setIdentity(editor, id, version, identityType);
            redirect.addFlashAttribute(
                    "notice",
                    changed.identityType() == null
                            ? field.path() + " holds no identity now."
                            : field.path() + " holds the identity " + changed.identityType() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", field.path() + ": " + e.getMessage());
        } catch (VersionConflictException e) {
            redirect.addFlashAttribute("error", field.path() + " was changed meanwhile; look again and set it anew.");
        }
        return "redirect:/data-map/datasets/" + field.datasetId();
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound() {
        ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    private static String place(Map<UUID, String> systems, Map<UUID, String> datasets, UUID system, UUID dataset) {
        String name = systems.getOrDefault(system, "?");
        return dataset == null ? name : name + " / " + datasets.getOrDefault(dataset, "?");
    }

    /** A field and the version the page showed: {@code <id>:<version>}. */
    private record Versioned(UUID id, int version) {

        static Versioned parse(String text) {
            int colon = text.lastIndexOf(':');
            try {
                return new Versioned(
                        UUID.fromString(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
