package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermDraft;
import dev.lethe.catalog.taxonomy.TermKind;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The taxonomy: {@code /api/v1/categories} (data categories), {@code /api/v1/subject-categories}
 * and {@code /api/v1/purposes}. Read by every role; the tenant's own terms are written by
 * PRIVACY_OFFICER, ADMIN. Built-in terms ({@code builtIn: true}) cannot be changed.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/{vocabulary:categories|subject-categories|purposes}")
class TaxonomyController {

    private final Taxonomy taxonomy;

    TaxonomyController(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GetMapping
    List<Term> list(Authentication auth, @PathVariable String vocabulary) {
        return taxonomy.list(Caller.tenant(auth), kind(vocabulary));
    }

    @GetMapping("/{code}")
    ResponseEntity<Term> get(Authentication auth, @PathVariable String vocabulary, @PathVariable String code) {
        Term term = taxonomy.find(Caller.tenant(auth), kind(vocabulary), code)
                .orElseThrow(() -> new NotFoundException(vocabulary + " " + code));
        return term.revision() == null ? ResponseEntity.ok(term) : Versions.ok(term, term.revision());
    }

    @PostMapping
    ResponseEntity<Term> create(Authentication auth, @PathVariable String vocabulary, @RequestBody TermDraft draft) {
        Term term = taxonomy.create(Caller.editor(auth, Caller.PRIVACY_WRITERS), kind(vocabulary), draft);
        return Versions.created(URI.create("/api/v1/" + vocabulary + "/" + term.code()), term, term.revision());
    }

    @PutMapping("/{code}")
    ResponseEntity<Term> update(
            Authentication auth,
            @PathVariable String vocabulary,
            @PathVariable String code,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody TermDraft draft) {
        Term term = taxonomy.update(
                Caller.editor(auth, Caller.PRIVACY_WRITERS), kind(vocabulary), code, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(term, term.revision());
    }

    @DeleteMapping("/{code}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable String vocabulary,
            @PathVariable String code,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        taxonomy.delete(Caller.editor(auth, Caller.PRIVACY_WRITERS), kind(vocabulary), code, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static TermKind kind(String vocabulary) {
        return switch (vocabulary) {
            case "categories" -> TermKind.DATA_CATEGORY;
            case "subject-categories" -> TermKind.SUBJECT_CATEGORY;
            case "purposes" -> TermKind.PURPOSE;
            default -> throw new InvalidInputException("Unknown vocabulary " + vocabulary);
        };
    }
}
