package dev.lethe.vault.internal;

import dev.lethe.vault.CategoryCatalog;
import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.Principal;
import dev.lethe.vault.ShredResult;
import dev.lethe.vault.SubjectErasedException;
import dev.lethe.vault.SubjectTokens;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Tokenized;
import dev.lethe.vault.Vault;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.keys.SubjectHash;
import dev.lethe.vault.kms.Kms;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The vault: wires key ring, tokenizer, detokenization, shredding and rotation. Not API: use VaultBuilder. */
public final class DefaultVault implements Vault {
    private final Tokenizer tokenizer;
    private final Detokenization detokenization;
    private final Shredder shredder;
    private final Rotation rotation;
    private final KeyRing keys;

    /** Called by {@code dev.lethe.vault.VaultBuilder}; arguments are already checked there. */
    public DefaultVault(
            Kms kms,
            KeyRepository repository,
            VaultAudit audit,
            CategoryCatalog catalog,
            CacheSettings cache,
            Clock clock,
            int maxValueLength,
            int maxBatch,
            Supplier<Set<Integer>> kekVersionsUsedElsewhere) {
        this.keys = new KeyRing(repository, kms, clock, cache);
        this.tokenizer = new Tokenizer(keys, catalog, maxValueLength);
        this.detokenization = new Detokenization(new Detokenizer(keys, catalog), audit, clock, maxBatch);
        this.shredder = new Shredder(keys, repository, audit, clock);
        this.rotation = new Rotation(kms, repository, keys, kekVersionsUsedElsewhere);
    }

    @Override
    public Tokenized tokenize(TokenizeRequest request) {
        if (request == null) {
            throw new InvalidInputException("request", "required");
        }
        return tokenizer.tokenize(request);
    }

    @Override
    public SubjectTokens tokensFor(String tenant, String subject) {
        return tokenizer.scope(tenant, subject);
    }

    @Override
    public List<Tokenized> tokenizeAll(List<TokenizeRequest> requests) {
        if (requests == null) {
            throw new InvalidInputException("requests", "required");
        }
        return requests.stream().map(this::tokenize).toList();
    }

    @Override
    public String detokenize(Principal principal, DetokenizeRequest request) {
        if (request == null || request.tokens() == null || request.tokens().size() != 1) {
            throw new InvalidInputException("token", "exactly one token");
        }
        return switch (detokenizeAll(principal, request).getFirst()) {
            case DetokenizeOutcome.Revealed revealed -> revealed.value();
            case DetokenizeOutcome.Erased erased -> throw new SubjectErasedException();
            case DetokenizeOutcome.Rejected rejected ->
                throw new InvalidInputException(rejected.field(), rejected.reason());
        };
    }

    @Override
    public List<DetokenizeOutcome> detokenizeAll(Principal principal, DetokenizeRequest request) {
        if (principal == null) {
            throw new IllegalArgumentException("a principal is required");
        }
        if (request == null) {
            throw new InvalidInputException("request", "required");
        }
        return detokenization.run(principal, request);
    }

    @Override
    public ShredResult shred(String tenant, String subject, String actor, String requestId) {
        return shredder.shred(tenant, subject, actor, requestId);
    }

    @Override
    public SubjectHash subjectHash(String tenant, String subject) {
        return keys.subjectHash(Inputs.required(tenant, "tenant"), Inputs.required(subject, "subject"));
    }

    @Override
    public void evictSubject(String tenant, String subject) {
        shredder.evict(Inputs.required(tenant, "tenant"), Inputs.required(subject, "subject"));
    }

    @Override
    public KekRotation kekRotation() {
        return rotation;
    }
}
