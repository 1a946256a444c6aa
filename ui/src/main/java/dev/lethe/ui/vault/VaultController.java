package dev.lethe.ui.vault;

import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.signals.TokenizeVolume;
import dev.lethe.ui.vault.VaultBodies.DetokenizeBatchBody;
import dev.lethe.ui.vault.VaultBodies.DetokenizeBody;
import dev.lethe.ui.vault.VaultBodies.OutcomeBatchView;
import dev.lethe.ui.vault.VaultBodies.OutcomeView;
import dev.lethe.ui.vault.VaultBodies.ShredBody;
import dev.lethe.ui.vault.VaultBodies.TokenBatchView;
import dev.lethe.ui.vault.VaultBodies.TokenView;
import dev.lethe.ui.vault.VaultBodies.TokenizeBatchBody;
import dev.lethe.ui.vault.VaultBodies.TokenizeBody;
import dev.lethe.ui.vault.VaultBodies.ValueView;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokenize, detokenize and shred over REST, for the caller's tenant. Role rules: see {@link VaultCaller}.
 * Errors are problems ({@link VaultProblems}); no response ever echoes a submitted value.
 */
@RestController
@RequestMapping("/api/v1/vault")
class VaultController {

    private final Vault vault;
    private final VaultApiLimits limits;
    private final VaultMetrics metrics;
    private final TokenizeVolume tokenized;

    VaultController(Vault vault, VaultApiLimits limits, VaultMetrics metrics, TokenizeVolume tokenized) {
        this.vault = vault;
        this.limits = limits;
        this.metrics = metrics;
        this.tokenized = tokenized;
    }

    @PostMapping("/tokenize")
    @PreAuthorize("hasAnyRole('ENGINEER', 'ADMIN')")
    TokenView tokenize(LetheAuthentication caller, @Valid @RequestBody TokenizeBody body) {
        String tenant = VaultCaller.of(caller).tenant();
        TokenizeRequest request = request(tenant, body, "kind");
        TokenView token = metrics.record("tokenize", 1, () -> TokenView.of(vault.tokenize(request)));
        tokenized.tokenized(caller.tenantId(), caller.actor(), 1);
        return token;
    }

    @PostMapping("/tokenize/batch")
    @PreAuthorize("hasAnyRole('ENGINEER', 'ADMIN')")
    TokenBatchView tokenizeBatch(LetheAuthentication caller, @Valid @RequestBody TokenizeBatchBody body) {
        if (body.items().size() > limits.maxBatch()) {
            throw new InvalidInputException("items", "at most " + limits.maxBatch() + " items per call");
        }
        String tenant = VaultCaller.of(caller).tenant();
        List<TokenizeRequest> requests = new ArrayList<>(body.items().size());
        for (int i = 0; i < body.items().size(); i++) {
            requests.add(request(tenant, body.items().get(i), "items[" + i + "].kind"));
        }
        TokenBatchView tokens = metrics.record(
                "tokenize",
                requests.size(),
                () -> new TokenBatchView(
                        vault.tokenizeAll(requests).stream().map(TokenView::of).toList()));
        // Counted, not audited: each token answers whether a guessed value is the one behind it.
        tokenized.tokenized(caller.tenantId(), caller.actor(), requests.size());
        return tokens;
    }

    /** Allowed to every caller here: the vault checks the permission itself, so refusals are audited. */
    @PostMapping("/detokenize")
    ValueView detokenize(LetheAuthentication caller, @Valid @RequestBody DetokenizeBody body) {
        VaultCaller who = VaultCaller.of(caller);
        var request = DetokenizeRequest.single(who.tenant(), body.ref(), body.purpose(), requestId(body.requestId()));
        return metrics.record("detokenize", 1, () -> new ValueView(vault.detokenize(who.principal(), request)));
    }

    @PostMapping("/detokenize/batch")
    OutcomeBatchView detokenizeBatch(LetheAuthentication caller, @Valid @RequestBody DetokenizeBatchBody body) {
        VaultCaller who = VaultCaller.of(caller);
        var request = new DetokenizeRequest(
                who.tenant(),
                body.purpose(),
                requestId(body.requestId()),
                body.tokens().stream().map(VaultBodies.TokenRefBody::ref).toList());
        return metrics.record(
                "detokenize",
                request.tokens().size(),
                () -> new OutcomeBatchView(vault.detokenizeAll(who.principal(), request).stream()
                        .map(OutcomeView::of)
                        .toList()));
    }

    /** Idempotent: shredding an erased or unknown subject is 204 too (the audit trail records the outcome). */
    @PostMapping("/shred")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void shred(LetheAuthentication caller, @Valid @RequestBody ShredBody body) {
        VaultCaller who = VaultCaller.of(caller);
        metrics.record(
                "shred",
                1,
                () -> vault.shred(who.tenant(), body.subject(), who.principal().name(), requestId(body.requestId())));
    }

    private static TokenizeRequest request(String tenant, TokenizeBody body, String kindField) {
        return new TokenizeRequest(tenant, body.subject(), body.category(), body.tokenKind(kindField), body.value());
    }

    private static String requestId(String given) {
        return given == null || given.isBlank() ? "api-" + UUID.randomUUID() : given;
    }
}
