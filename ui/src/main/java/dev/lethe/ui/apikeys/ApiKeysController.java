package dev.lethe.ui.apikeys;

import dev.lethe.ui.apikeys.ApiKeyRequests.CreatedKey;
import dev.lethe.ui.apikeys.ApiKeyRequests.KeyView;
import dev.lethe.ui.apikeys.ApiKeyRequests.NewKey;
import dev.lethe.ui.security.LetheAuthentication;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's API keys, for its ADMINs (listing with the read scope, making and revoking with write):
 * a new key's secret is in the answer to its creation and nowhere else, ever.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeysController {

    private final ApiKeyManagement keys;

    ApiKeysController(ApiKeyManagement keys) {
        this.keys = keys;
    }

    @GetMapping
    List<KeyView> list(LetheAuthentication caller) {
        return keys.list(caller.tenantId());
    }

    @PostMapping
    ResponseEntity<CreatedKey> create(LetheAuthentication caller, @RequestBody NewKey request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(keys.create(caller, request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(LetheAuthentication caller, @PathVariable UUID id) {
        keys.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }
}
