package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.workflows.retention.PolicyPreview;
import dev.lethe.workflows.retention.RetentionPreviews;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/retention-policies/{id}/preview}: what the policy would purge now, per system and
 * dataset (counts and the oldest/newest affected record times), changing nothing. A POST because it asks
 * every connected system (it is not cached), but it writes nothing: AUDITOR may call it too.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR})
@RestController
class RetentionPreviewController {

    private static final Set<Role> CALLERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR);

    private final RetentionPreviews previews;
    private final RetentionPolicies policies;

    RetentionPreviewController(RetentionPreviews previews, RetentionPolicies policies) {
        this.previews = previews;
        this.policies = policies;
    }

    @PostMapping("/api/v1/retention-policies/{id}/preview")
    PolicyPreview preview(Authentication auth, @PathVariable UUID id) {
        UUID tenant = Caller.editor(auth, CALLERS).tenantId();
        if (policies.find(tenant, id).isEmpty()) {
            throw new NotFoundException("retention policy " + id);
        }
        return previews.preview(tenant, id);
    }
}
