package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.keys.KeyId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Deterministic tokens: AES-SIV (Tink) of the value under the subject's key, behind a header naming that
 * key. The header is the key id encrypted deterministically under the tenant key with the category as
 * associated data: detokenizing can find the key, but tokens of one subject in different categories do
 * not share a visible identifier, so they cannot be linked without the vault.
 *
 * <p>Payload: {@code version(1) || header(32) || AES-SIV(value)(16 + n)}.
 */
final class DeterministicTokens {
    private static final byte VERSION = 1;
    private static final int HEADER = KeyId.LENGTH + 16;

    private DeterministicTokens() {}

    static String tokenize(String tenant, DataKey tenantKey, DataKey valueKey, Category category, String value) {
        try {
            byte[] header = valueKey.header(tenantKey.keyId(), category.name());
            if (header == null) {
                header = tenantKey
                        .siv()
                        .encryptDeterministically(valueKey.keyId().bytes(), headerData(category));
                valueKey.keepHeader(tenantKey.keyId(), category.name(), header);
            }
            byte[] body = valueKey.siv()
                    .encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), valueData(tenant, category));
            byte[] payload = ByteBuffer.allocate(1 + header.length + body.length)
                    .put(VERSION)
                    .put(header)
                    .put(body)
                    .array();
            return TokenText.format(TokenText.DETERMINISTIC, category, payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV failed", e);
        }
    }

    /** The id of the key the payload was encrypted under. */
    static KeyId keyId(DataKey tenantKey, Category category, byte[] payload) {
        if (payload.length < 1 + HEADER + 16 || payload[0] != VERSION) {
            throw new InvalidInputException("token", "malformed token");
        }
        try {
            byte[] header = Arrays.copyOfRange(payload, 1, 1 + HEADER);
            return KeyId.fromBytes(tenantKey.siv().decryptDeterministically(header, headerData(category)));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("token", "tampered token or token of another tenant");
        }
    }

    static String detokenize(String tenant, DataKey valueKey, Category category, byte[] payload) {
        try {
            byte[] body = Arrays.copyOfRange(payload, 1 + HEADER, payload.length);
            byte[] value = valueKey.siv().decryptDeterministically(body, valueData(tenant, category));
            return new String(value, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("token", "tampered token");
        }
    }

    private static byte[] headerData(Category category) {
        return ("lethe-vault/v1/header/" + category.name()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] valueData(String tenant, Category category) {
        return ("lethe-vault/v1/value/" + tenant + "/" + category.name()).getBytes(StandardCharsets.UTF_8);
    }
}
