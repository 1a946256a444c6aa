package dev.lethe.catalog.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The canonical encoding of an entry and its SHA-256. Fields are length-prefixed, so no value can
 * pretend to be two; details are sorted by key; time is in microseconds, which is what PostgreSQL
 * keeps.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String of(
            UUID tenantId,
            long seq,
            Instant recordedAt,
            Actor actor,
            String action,
            String target,
            Map<String, String> details,
            String previousHash) {
        var canonical = new StringBuilder();
        field(canonical, tenantId.toString());
        field(canonical, Long.toString(seq));
        field(canonical, truncate(recordedAt).toString());
        field(canonical, actor.kind().name());
        field(canonical, actor.id());
        field(canonical, action);
        field(canonical, target);
        for (Map.Entry<String, String> detail : new TreeMap<>(details).entrySet()) {
            field(canonical, detail.getKey());
            field(canonical, detail.getValue());
        }
        field(canonical, previousHash);
        return sha256(canonical.toString());
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
