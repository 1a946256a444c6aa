package dev.lethe.ui.ingest;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.ingest.registry.DesiredState;
import dev.lethe.ingest.registry.RegisteredStream;
import dev.lethe.ingest.registry.StreamSpec;
import dev.lethe.ingest.registry.Streams;
import dev.lethe.ingest.runtime.StreamStatus;
import dev.lethe.ingest.runtime.StreamSupervisor;
import dev.lethe.ingest.runtime.StreamTopics;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/streams}: read by every role; registered, changed, paused, resumed and removed by
 * ENGINEER, PRIVACY_OFFICER and ADMIN. Changes apply to the running workers without a restart.
 */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/streams")
class StreamController {

    private final Streams streams;
    private final StreamTopics topics;
    private final StreamSupervisor supervisor;

    StreamController(Streams streams, StreamTopics topics, StreamSupervisor supervisor) {
        this.streams = streams;
        this.topics = topics;
        this.supervisor = supervisor;
    }

    @GetMapping
    List<RegisteredStream> list(
            Authentication auth,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return streams.list(Caller.tenant(auth), PageRequest.of(offset, limit));
    }

    @GetMapping("/{name}")
    ResponseEntity<RegisteredStream> get(Authentication auth, @PathVariable String name) {
        RegisteredStream stream = find(auth, name);
        return Versions.ok(stream, stream.revision());
    }

    @GetMapping("/{name}/status")
    StreamStatus status(Authentication auth, @PathVariable String name) {
        return supervisor.status(find(auth, name));
    }

    /**
     * Registers a stream. Its source and target topics must exist unless {@code createTopics} is set;
     * its dead-letter topic is created in any case.
     */
    @PostMapping
    ResponseEntity<RegisteredStream> create(
            Authentication auth,
            @RequestParam(defaultValue = "false") boolean createTopics,
            @RequestBody StreamSpec spec) {
        var editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        RegisteredStream stream = streams.create(editor, spec, valid -> topics.prepare(valid, createTopics));
        supervisor.reconcileSoon();
        return Versions.created(URI.create("/api/v1/streams/" + stream.name()), stream, stream.revision());
    }

    @PutMapping("/{name}")
    ResponseEntity<RegisteredStream> update(
            Authentication auth,
            @PathVariable String name,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean createTopics,
            @RequestBody StreamSpec spec) {
        var editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        int expectedVersion = Versions.ifMatch(ifMatch);
        RegisteredStream stream =
                streams.update(editor, name, expectedVersion, spec, valid -> topics.prepare(valid, createTopics));
        supervisor.reconcileSoon();
        return Versions.ok(stream, stream.revision());
    }

    @PostMapping("/{name}/pause")
    ResponseEntity<RegisteredStream> pause(Authentication auth, @PathVariable String name) {
        return setState(auth, name, DesiredState.PAUSED);
    }

    @PostMapping("/{name}/resume")
    ResponseEntity<RegisteredStream> resume(Authentication auth, @PathVariable String name) {
        return setState(auth, name, DesiredState.RUNNING);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable String name,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        streams.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), name, Versions.ifMatch(ifMatch));
        supervisor.reconcileSoon();
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<RegisteredStream> setState(Authentication auth, String name, DesiredState state) {
        RegisteredStream stream = streams.setState(Caller.editor(auth, Caller.DATA_MAP_WRITERS), name, state);
        supervisor.reconcileSoon();
        return Versions.ok(stream, stream.revision());
    }

    private RegisteredStream find(Authentication auth, String name) {
        return streams.find(Caller.tenant(auth), name).orElseThrow(() -> new NotFoundException("stream " + name));
    }
}
