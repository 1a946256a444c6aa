package dev.lethe.vault.internal;

import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.PermissionDeniedException;
import dev.lethe.vault.Principal;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.VaultPermissions;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.TokenAccess;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One detokenization call: validate, check permissions for every category involved before any key is
 * touched, reveal, audit, and only then hand values out (fail-closed audit).
 */
final class Detokenization {
    private final Detokenizer detokenizer;
    private final VaultAudit audit;
    private final Clock clock;
    private final int maxBatch;

    /** A token after classification: either known kind and category, or already rejected. */
    private record Item(Detokenizer.Classified token, DetokenizeOutcome.Rejected rejected) {}

    private record AccessKey(TokenKind kind, String category) {}

    Detokenization(Detokenizer detokenizer, VaultAudit audit, Clock clock, int maxBatch) {
        this.detokenizer = detokenizer;
        this.audit = audit;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    List<DetokenizeOutcome> run(Principal principal, DetokenizeRequest request) {
        String tenant = Inputs.required(request.tenant(), "tenant");
        String purpose = Inputs.purpose(request.purpose());
        String requestId = Inputs.required(request.requestId(), "requestId");
        if (request.tokens() == null
                || request.tokens().isEmpty()
                || request.tokens().size() > maxBatch) {
            throw new InvalidInputException("tokens", "between 1 and " + maxBatch + " tokens");
        }
        List<Item> items = request.tokens().stream().map(this::classify).toList();
        requirePermissions(principal, request, items);
        List<DetokenizeOutcome> outcomes = new ArrayList<>(items.size());
        Map<AccessKey, int[]> counts = new LinkedHashMap<>();
        for (Item item : items) {
            DetokenizeOutcome outcome =
                    item.token() == null ? item.rejected() : detokenizer.reveal(tenant, item.token());
            outcomes.add(outcome);
            if (item.token() != null) {
                count(counts, item.token(), outcome);
            }
        }
        audit.detokenized(
                new TokensDetokenized(clock.instant(), tenant, principal.name(), purpose, requestId, accesses(counts)));
        return outcomes;
    }

    private Item classify(TokenRef ref) {
        try {
            return new Item(detokenizer.classify(ref), null);
        } catch (InvalidInputException e) {
            return new Item(null, new DetokenizeOutcome.Rejected(e.field(), e.reason()));
        }
    }

    private void requirePermissions(Principal principal, DetokenizeRequest request, List<Item> items) {
        for (Item item : items) {
            if (item.token() == null) {
                continue;
            }
            String category = item.token().category().name();
            if (!VaultPermissions.mayDetokenize(principal, category)) {
                String missing = VaultPermissions.detokenize(category);
                audit.detokenizationDenied(new DetokenizationDenied(
                        clock.instant(),
                        request.tenant(),
                        principal.name(),
                        request.purpose(),
                        request.requestId(),
                        missing));
                throw new PermissionDeniedException(missing);
            }
        }
    }

    private static void count(Map<AccessKey, int[]> counts, Detokenizer.Classified token, DetokenizeOutcome o) {
        int[] n = counts.computeIfAbsent(
                new AccessKey(token.kind(), token.category().name()), k -> new int[2]);
        if (o instanceof DetokenizeOutcome.Revealed) {
            n[0]++;
        } else if (o instanceof DetokenizeOutcome.Erased) {
            n[1]++;
        }
    }

    private static List<TokenAccess> accesses(Map<AccessKey, int[]> counts) {
        List<TokenAccess> accesses = new ArrayList<>();
        counts.forEach((key, n) -> {
            if (n[0] + n[1] > 0) {
                accesses.add(new TokenAccess(key.kind(), key.category(), n[0], n[1]));
            }
        });
        return accesses;
    }
}
