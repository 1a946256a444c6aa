package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.erasure.ErasureRuleDraft;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import java.net.URI;
import java.util.List;
import java.util.UUID;
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
 * {@code /api/v1/erasure-rules}: read by every role; written by PRIVACY_OFFICER, ADMIN, who write the
 * other privacy decisions of the catalog (retention policies, legal holds): a RETAIN rule keeps data from
 * erasure requests, so it is theirs to make, not an engineer's.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/erasure-rules")
class ErasureRuleController {

    private final ErasureRules rules;

    ErasureRuleController(ErasureRules rules) {
        this.rules = rules;
    }

    @GetMapping
    List<ErasureRule> list(Authentication auth) {
        return rules.list(Caller.tenant(auth));
    }

    @GetMapping("/{id}")
    ResponseEntity<ErasureRule> get(Authentication auth, @PathVariable UUID id) {
        ErasureRule rule =
                rules.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("erasure rule " + id));
        return Versions.ok(rule, rule.revision());
    }

    @PostMapping
    ResponseEntity<ErasureRule> create(Authentication auth, @RequestBody ErasureRuleDraft draft) {
        ErasureRule rule = rules.create(Caller.editor(auth, Caller.PRIVACY_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/erasure-rules/" + rule.id()), rule, rule.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<ErasureRule> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ErasureRuleDraft draft) {
        ErasureRule rule =
                rules.update(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(rule, rule.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        rules.delete(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
