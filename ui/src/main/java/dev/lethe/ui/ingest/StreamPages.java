package dev.lethe.ui.ingest;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.ingest.registry.DesiredState;
import dev.lethe.ingest.registry.RegisteredStream;
import dev.lethe.ingest.registry.Streams;
import dev.lethe.ingest.runtime.StreamStatus;
import dev.lethe.ingest.runtime.StreamSupervisor;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The streams page: each registered stream, whether it should run and how it fares in this process
 * (state, workers, records, lag), paused and resumed with a button whose answer is the stream's new row.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR},
        write = {Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
class StreamPages {

    /** A stream and its status in this process. */
    record Row(RegisteredStream stream, StreamStatus status) {

        /** The badge class of the status's state. */
        public String badge() {
            return switch (status.state()) {
                case "RUNNING" -> "badge ok";
                case "FAILING" -> "badge bad";
                case "PAUSED", "STARTING" -> "badge warn";
                default -> "badge";
            };
        }

        public boolean paused() {
            return stream.state() == DesiredState.PAUSED;
        }
    }

    private final Streams streams;
    private final StreamSupervisor supervisor;

    StreamPages(Streams streams, StreamSupervisor supervisor) {
        this.streams = streams;
        this.supervisor = supervisor;
    }

    @GetMapping("/streams")
    String list(Authentication auth, Model model) {
        List<Row> rows = streams.list(Caller.tenant(auth), PageRequest.of(0, PageRequest.MAX_LIMIT)).stream()
                .map(this::row)
                .toList();
        model.addAttribute("rows", rows);
        return "streams/list";
    }

    /** Pauses the stream; answers its row (an htmx swap), with the state asked for. */
    @PostMapping("/streams/{name}/pause")
    String pause(Authentication auth, @PathVariable String name, Model model) {
        return setState(auth, name, DesiredState.PAUSED, model);
    }

    @PostMapping("/streams/{name}/resume")
    String resume(Authentication auth, @PathVariable String name, Model model) {
        return setState(auth, name, DesiredState.RUNNING, model);
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    private String setState(Authentication auth, String name, DesiredState state, Model model) {
        RegisteredStream stream = streams.setState(Caller.editor(auth, Caller.DATA_MAP_WRITERS), name, state);
        supervisor.reconcileSoon();
        model.addAttribute("row", row(stream));
        model.addAttribute("writer", true);
        return "streams/row :: stream-row";
    }

    private Row row(RegisteredStream stream) {
        return new Row(stream, supervisor.status(stream));
    }
}
