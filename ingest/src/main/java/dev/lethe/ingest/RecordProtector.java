package dev.lethe.ingest;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the personal data in a JSON record and replaces each finding by a token of the kind the
 * stream's policy names, under the record's data subject's key (or the tenant's when the record has
 * no subject). Thread-safe. Never puts values in exceptions: the reason names what is wrong only.
 */
public final class RecordProtector {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PiiClassifier classifier;
    private final Vault vault;

    public RecordProtector(PiiClassifier classifier, Vault vault) {
        this.classifier = classifier;
        this.vault = vault;
    }

    /**
     * @param subjectPath where the record names its data subject, e.g. {@code $.customer.id}
     * @throws UnprocessableRecordException for input that is not a UTF-8 JSON object
     */
    public ProtectedRecord protect(String tenant, String subjectPath, ProtectionPolicy policy, byte[] value) {
        String text = utf8(value);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new UnprocessableRecordException("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new UnprocessableRecordException("not a JSON object");
        }
        JsonNode subjectNode = JsonPath.parse(subjectPath).find(root);
        String subject = subjectNode == null || subjectNode.isNull() || subjectNode.isContainer()
                ? null
                : subjectNode.asString();
        List<Finding> findings;
        try {
            findings = classifier.scanJson(text);
        } catch (RuntimeException e) {
            throw new UnprocessableRecordException("the record is beyond the classifier's limits");
        }
        var replacements = new EnumMap<TokenKind, Integer>(TokenKind.class);
        var categories = new TreeSet<String>();
        for (Map.Entry<String, List<Finding>> field : byPath(findings).entrySet()) {
            JsonPath path = JsonPath.parse(field.getKey());
            JsonNode node = path.find(root);
            if (node == null || !node.isString()) {
                continue;
            }
            String original = node.asString();
            var protectedValue = new StringBuilder(original);
            int lastStart = Integer.MAX_VALUE;
            for (Finding finding : field.getValue()) {
                if (finding.end() > lastStart || finding.end() > original.length()) {
                    continue; // overlapping an already replaced span
                }
                lastStart = finding.start();
                categories.add(finding.category());
                String span = original.substring(finding.start(), finding.end());
                Replacement replacement = replacement(tenant, subject, finding.category(), policy, span);
                replacements.merge(replacement.kind(), 1, Integer::sum);
                protectedValue.replace(finding.start(), finding.end(), replacement.text());
            }
            path.replace(root, protectedValue.isEmpty() ? null : protectedValue.toString());
        }
        return new ProtectedRecord(JSON.writeValueAsBytes(root), subject, categories, replacements);
    }

    private record Replacement(TokenKind kind, String text) {}

    private Replacement replacement(
            String tenant, String subject, String category, ProtectionPolicy policy, String span) {
        TokenKind kind = policy.kindFor(category);
        if (kind == TokenKind.REDACT) {
            return new Replacement(TokenKind.REDACT, "");
        }
        try {
            String token = vault.tokenize(new TokenizeRequest(tenant, subject, category, kind, span))
                    .token();
            return token == null ? new Replacement(TokenKind.REDACT, "") : new Replacement(kind, token);
        } catch (InvalidInputException e) {
            // A category the vault has no format for, or a value the kind can't take: never let it through.
            return new Replacement(TokenKind.REDACT, "");
        }
    }

    /** Findings per string, each string's from the last to the first, so offsets stay valid while replacing. */
    private static Map<String, List<Finding>> byPath(List<Finding> findings) {
        var byPath = new LinkedHashMap<String, List<Finding>>();
        for (Finding finding : findings) {
            if (finding.path() != null) {
                byPath.computeIfAbsent(finding.path(), path -> new ArrayList<>())
                        .add(finding);
            }
        }
        byPath.values()
                .forEach(list ->
                        list.sort(Comparator.comparingInt(Finding::start).reversed()));
        return byPath;
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnprocessableRecordException("not UTF-8");
        }
    }
}
