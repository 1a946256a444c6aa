package dev.lethe.ingest;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.SubjectTokens;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Finds the personal data in a record — fields people confirmed in the catalog, values the
 * classifier detects, free text inside strings, member names (a map keyed by e-mail address), and
 * the record key — and replaces each finding by a token of the kind the stream's policy names, under
 * the record's data subject's key (or the tenant's when the record names no subject). Thread-safe.
 * Never puts values or names in exceptions: the reason names what is wrong only.
 */
public final class RecordProtector implements RecordProcessor {

    static final String KEY_PATH = "$key";

    private static final Pattern ARRAY_INDEX = Pattern.compile("\\[\\d+]");

    /** Parsed paths are reused: records of a stream repeat the same few field paths. */
    private static final int MAX_CACHED_PATHS = 10_000;

    /** Member names without personal data are remembered (never those with it): field names repeat. */
    private static final int MAX_CACHED_NAMES = 10_000;

    private final PiiClassifier classifier;
    private final Vault vault;
    private final DatasetFields fields;
    private final RecordCodec codec;
    private final Map<String, JsonPath> paths = new ConcurrentHashMap<>();
    private final Set<String> plainNames = ConcurrentHashMap.newKeySet();
    private final KnownFields knownFields = new KnownFields();

    public RecordProtector(PiiClassifier classifier, Vault vault, DatasetFields fields, RecordCodec codec) {
        this.classifier = classifier;
        this.vault = vault;
        this.fields = fields;
        this.codec = codec;
    }

    public RecordProtector(PiiClassifier classifier, Vault vault, DatasetFields fields) {
        this(classifier, vault, fields, JsonCodec.INSTANCE);
    }

    /** @throws UnprocessableRecordException for a value the codec can't read or the classifier can't take */
    @Override
    public ProtectedRecord process(StreamDefinition stream, byte[] key, byte[] value) {
        JsonNode root = codec.decode(value);
        JsonNode subjectNode = path(stream.subjectPath()).find(root);
        String subject = subjectNode == null || subjectNode.isNull() || subjectNode.isContainer()
                ? null
                : subjectNode.asString();
        var protection = new Protection(stream, vault.tokensFor(stream.tenant(), subject));
        protection.protectTree(root, "$", fields.confirmed(stream));
        byte[] cleanKey = protection.protectKey(key);
        return new ProtectedRecord(
                cleanKey,
                codec.encode(root),
                subject == null ? null : protection.tokens.subjectHash().hex(),
                protection.categories,
                protection.tokenizations,
                protection.sightings);
    }

    /** The parsed path, from the cache (cleared when full: field paths are few, array indexes may not be). */
    private JsonPath path(String path) {
        JsonPath parsed = paths.get(path);
        if (parsed == null) {
            parsed = JsonPath.parse(path);
            if (paths.size() >= MAX_CACHED_PATHS) {
                paths.clear();
            }
            paths.put(path, parsed);
        }
        return parsed;
    }

    /** The protection of one record: what it replaced, and where. */
    private final class Protection {
        private final StreamDefinition stream;
        /** The record's subject's tokens: its key is looked up once per record, not per value. */
        final SubjectTokens tokens;

        final Set<String> categories = new TreeSet<>();
        final Map<TokenKind, Integer> tokenizations = new EnumMap<>(TokenKind.class);
        final List<FieldSighting> sightings = new ArrayList<>();

        Protection(StreamDefinition stream, SubjectTokens tokens) {
            this.stream = stream;
            this.tokens = tokens;
        }

        /**
         * Replaces findings in a record tree, member names first (value paths then name the
         * protected names); paths reported under {@code rootPath} ({@code $} or {@code $key}).
         */
        void protectTree(JsonNode root, String rootPath, Map<String, Set<String>> confirmed) {
            Set<JsonNode> maps = MemberNames.protect(root, rootPath, this::protectName);
            // Paths of confirmed fields are comparable with findings' only where no member name was protected.
            boolean learning = maps.isEmpty() && !confirmed.isEmpty();
            List<KnownFields.Value> known =
                    learning ? knownFields.values(stream, root, confirmed, RecordProtector.this::path) : List.of();
            Map<String, List<Finding>> found = byPath(scan(root, known));
            if (learning) {
                knownFields.learn(stream, root, confirmed, found, RecordProtector.this::path);
            }
            Set<String> protectedPaths = new HashSet<>();
            for (Map.Entry<String, List<Finding>> field : found.entrySet()) {
                JsonPath path = path(field.getKey());
                JsonNode node = path.find(root);
                if (node == null || !node.isString()) {
                    continue;
                }
                String sightingPath = maps.isEmpty()
                        ? foldIndexes(rootPath + field.getKey().substring(1))
                        : path.sightingPath(root, rootPath, maps);
                String clean = replaceFindings(node.asString(), field.getValue(), sightingPath, "");
                path.replace(root, clean.isEmpty() ? null : clean);
                protectedPaths.add(field.getKey());
            }
            for (KnownFields.Value value : known) {
                categories.add(value.category());
                sightings.add(new FieldSighting(
                        foldIndexes(rootPath + value.pathText().substring(1)), value.category(), value.score()));
                String clean = tokenize(value.category(), value.node().asString());
                value.path().replace(root, clean.isEmpty() ? null : clean);
                protectedPaths.add(value.pathText());
            }
            for (Map.Entry<String, Set<String>> field : confirmed.entrySet()) {
                if (!field.getValue().isEmpty()) {
                    protectConfirmed(root, KnownFields.pathFromRoot(field.getKey()), field.getValue(), protectedPaths);
                }
            }
        }

        /**
         * A key that is JSON is protected like a value; any other text is scanned as free text; a key
         * that is not UTF-8 is scanned byte for byte.
         */
        byte[] protectKey(byte[] key) {
            if (key == null || key.length == 0) {
                return key;
            }
            String text = JsonCodec.utf8OrNull(key);
            if (text == null) {
                return protectBinaryKey(key);
            }
            if (text.startsWith("{")) {
                try {
                    JsonNode tree = JsonCodec.INSTANCE.decode(key);
                    protectTree(tree, KEY_PATH, Map.of());
                    return JsonCodec.INSTANCE.encode(tree);
                } catch (UnprocessableRecordException e) {
                    // Not JSON after all: free text.
                }
            }
            List<Finding> findings = new ArrayList<>(classifier.scanText(text));
            findings.sort(Comparator.comparingInt(Finding::start).reversed());
            return findings.isEmpty()
                    ? key
                    : replaceFindings(text, findings, KEY_PATH, "").getBytes(StandardCharsets.UTF_8);
        }

        /**
         * A key that is not UTF-8 (a number, Avro, or text with one bad byte) read as ISO-8859-1, one
         * character per byte: an address or number in it is still found (one invalid byte once let a
         * whole e-mail address through, JsonRecordFuzzTest), and the bytes around a finding are kept
         * exactly, as tokens are ASCII. Bytes beyond ASCII are scanned as a separator, not as the Latin-1
         * letters they would read as: {@code 0xFF} before a card number made it part of a word, and the
         * number went through (JsonRecordFuzzTest, crash-403a9a11). A consumer decoding the key as UTF-8
         * reads it otherwise (several bytes become one character), and a detector weighing the words
         * around a number may then decide differently: what that view finds is protected too, in the bytes
         * it was decoded from and wherever else they stand (crash-a77e1599), letters beyond ASCII included
         * (crash-621ded4c: an address with an accented letter in its domain).
         */
        private byte[] protectBinaryKey(byte[] key) {
            String text = new String(key, StandardCharsets.ISO_8859_1);
            char[] scanned = text.toCharArray();
            for (int i = 0; i < scanned.length; i++) {
                if (scanned[i] > 0x7F) {
                    scanned[i] = '\u0000';
                }
            }
            List<Finding> findings = new ArrayList<>(classifier.scanText(new String(scanned)));
            Utf8View asUtf8 = Utf8View.of(key);
            for (Finding finding : classifier.scanText(asUtf8.text())) {
                // Its bytes, wherever else they stand too: the same value elsewhere in the key may have
                // had no telling words around it.
                String bytes = text.substring(asUtf8.byteOffset(finding.start()), asUtf8.byteOffset(finding.end()));
                for (int at = bytes.isEmpty() ? -1 : text.indexOf(bytes); at >= 0; at = text.indexOf(bytes, at + 1)) {
                    findings.add(new Finding(
                            finding.type(),
                            finding.path(),
                            at,
                            at + bytes.length(),
                            finding.score(),
                            finding.evidence(),
                            finding.special()));
                }
            }
            findings.sort(Comparator.comparingInt(Finding::start).reversed());
            return findings.isEmpty()
                    ? key
                    : replaceFindings(text, findings, KEY_PATH, "").getBytes(StandardCharsets.ISO_8859_1);
        }

        /** A member name with its personal data tokenized like a value's (redacted as {@code [redacted]}). */
        private String protectName(String name, String memberPath) {
            if (name.isEmpty() || plainNames.contains(name)) {
                return name;
            }
            List<Finding> findings = new ArrayList<>(classifier.scanText(name));
            if (findings.isEmpty()) {
                if (plainNames.size() >= MAX_CACHED_NAMES) {
                    plainNames.clear();
                }
                plainNames.add(name);
                return name;
            }
            findings.sort(Comparator.comparingInt(Finding::start).reversed());
            return replaceFindings(name, findings, memberPath, MemberNames.REDACTED);
        }

        private List<Finding> scan(JsonNode root, List<KnownFields.Value> known) {
            List<JsonNode> skipped = known.isEmpty() ? List.of() : new ArrayList<>(known.size());
            for (KnownFields.Value value : known) {
                skipped.add(value.node());
            }
            try {
                // The tree itself, not its text: serialising it for the classifier to parse again cost a
                // second parse per record.
                return classifier.scanRecord(JsonTreeView.of(root, skipped));
            } catch (dev.lethe.classifier.InvalidInputException e) {
                // The classifier's messages name the limit and an offset, never the input.
                throw new UnprocessableRecordException(
                        "the record is beyond the classifier's limits: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new UnprocessableRecordException("the record is beyond the classifier's limits");
            }
        }

        /**
         * @param findings within {@code original}, from the last to the first
         * @param redacted what takes the place of a redacted span
         */
        private String replaceFindings(String original, List<Finding> findings, String sightingPath, String redacted) {
            var clean = new StringBuilder(original);
            int lastStart = Integer.MAX_VALUE;
            for (Finding finding : findings) {
                if (finding.end() > lastStart || finding.end() > original.length()) {
                    continue; // overlapping an already replaced span
                }
                lastStart = finding.start();
                String category = finding.category();
                categories.add(category);
                sightings.add(new FieldSighting(sightingPath, category, finding.score()));
                String token = tokenize(category, original.substring(finding.start(), finding.end()));
                clean.replace(finding.start(), finding.end(), token.isEmpty() ? redacted : token);
            }
            return clean.toString();
        }

        /**
         * Protects every string the confirmed path names in this record (wildcards included:
         * {@code $.items[*].loyaltyId}, {@code $.subscribers.*.since}) that detection has not
         * already replaced.
         */
        private void protectConfirmed(
                JsonNode root, String confirmedPath, Set<String> confirmedCategories, Set<String> protectedPaths) {
            JsonPath path;
            try {
                path = path(confirmedPath);
            } catch (IllegalArgumentException e) {
                return; // not a path this reader understands: value detection still applies
            }
            String category = KnownFields.category(confirmedCategories);
            for (JsonPath concrete : path.expand(root)) {
                JsonNode node = concrete.find(root);
                if (node == null
                        || !node.isString()
                        || node.asString().isEmpty()
                        || protectedPaths.contains(concrete.toString())) {
                    continue;
                }
                categories.add(category);
                String clean = tokenize(category, node.asString());
                concrete.replace(root, clean.isEmpty() ? null : clean);
            }
        }

        private String tokenize(String category, String span) {
            TokenKind kind = stream.policy().kindFor(category);
            String token = null;
            if (kind != TokenKind.REDACT) {
                try {
                    token = tokens.tokenize(category, kind, span).token();
                } catch (InvalidInputException e) {
                    // A category the vault has no format for, or a value the kind can't take: never let it through.
                }
            }
            TokenKind applied = token == null ? TokenKind.REDACT : kind;
            tokenizations.merge(applied, 1, Integer::sum);
            return token == null ? "" : token;
        }
    }

    /** The record key's or a value's path with array indexes folded: {@code $.items[*].email}. */
    private static String foldIndexes(String path) {
        return path.indexOf('[') < 0 ? path : ARRAY_INDEX.matcher(path).replaceAll("[*]");
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
}
