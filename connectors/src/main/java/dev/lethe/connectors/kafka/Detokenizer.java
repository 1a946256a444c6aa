package dev.lethe.connectors.kafka;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.Principal;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultException;
import dev.lethe.vault.VaultPermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the vault tokens in a record's values back into what they stand for, in one audited vault
 * call per record, with the purpose it is done for. Tokens are found by their self-describing shape ({@code tok_<label>_...}), whole
 * or inside free text; format-preserving tokens look like plain values and are left as they are. A
 * token whose subject was shredded reads {@value ErasurePlan#MASK}.
 */
final class Detokenizer {

    /** Ingest's deterministic tokens; hashes ({@code hsh_}) are not reversible and stay. */
    static final Pattern TOKEN = Pattern.compile("tok_[a-z0-9]{1,16}_[A-Za-z0-9_-]{16,}");

    private static final Principal PRINCIPAL =
            new Principal("lethe-connector-kafka", Set.of(VaultPermissions.DETOKENIZE));
    /** Access packages. */
    static final String ACCESS = "dsar-access";
    /** Checking that an erasure left nothing readable. */
    static final String VERIFY = "erasure-verify";
    /** Checking whether an expired record belongs to a subject under a legal hold before a purge. */
    static final String RETENTION = "retention-hold-check";

    private final Vault vault;
    private final String purpose;

    /** @param purpose why the tokens are revealed, written to the vault's audit trail */
    Detokenizer(Vault vault, String purpose) {
        this.vault = vault;
        this.purpose = purpose;
    }

    /** What detokenizing a record's values found. */
    record Result(Map<String, Object> values, int revealed, int erased) {}

    Result detokenize(OperationContext context, Map<String, Object> values) {
        Set<String> tokens = new LinkedHashSet<>();
        values.values().forEach(value -> {
            if (value instanceof String text) {
                Matcher matcher = TOKEN.matcher(text);
                while (matcher.find()) {
                    tokens.add(matcher.group());
                }
            }
        });
        if (tokens.isEmpty()) {
            return new Result(values, 0, 0);
        }
        List<String> ordered = new ArrayList<>(tokens);
        List<DetokenizeOutcome> outcomes;
        try {
            outcomes = vault.detokenizeAll(
                    PRINCIPAL,
                    new DetokenizeRequest(
                            context.tenant().toString(),
                            purpose,
                            context.operationId(),
                            ordered.stream().map(TokenRef::of).toList()));
        } catch (VaultException e) {
            throw ConnectorException.fatal(
                    "The vault refused to detokenize: " + e.getClass().getSimpleName(), null);
        }
        Map<String, String> replacements = new LinkedHashMap<>();
        int revealed = 0;
        int erased = 0;
        for (int i = 0; i < ordered.size(); i++) {
            switch (outcomes.get(i)) {
                case DetokenizeOutcome.Revealed r -> {
                    replacements.put(ordered.get(i), r.value());
                    revealed++;
                }
                case DetokenizeOutcome.Erased e -> {
                    replacements.put(ordered.get(i), ErasurePlan.MASK);
                    erased++;
                }
                case DetokenizeOutcome.Rejected r -> {
                    // Not this tenant's token, or not a token after all: left as it is.
                }
            }
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        values.forEach(
                (path, value) -> clean.put(path, value instanceof String text ? replace(text, replacements) : value));
        return new Result(clean, revealed, erased);
    }

    private static String replace(String text, Map<String, String> replacements) {
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(replacements.getOrDefault(matcher.group(), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
