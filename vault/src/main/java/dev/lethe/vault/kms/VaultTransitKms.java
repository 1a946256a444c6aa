package dev.lethe.vault.kms;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KEK in HashiCorp Vault's transit engine: data keys are wrapped with {@code encrypt}, unwrapped with
 * {@code decrypt} (with the row binding as {@code associated_data}, so the key must be an AEAD type),
 * versions are transit key versions, rotation is {@code keys/:name/rotate}, and retiring raises the
 * key's {@code min_decryption_version}. That retires every older version too, so versions are retired
 * oldest first and never past one that is still needed (see {@link #retirableVersions}). Raising it
 * does not destroy key material: Vault keeps retired versions archived until the key is trimmed.
 *
 * <p>Re-wrapping uses the interface default (decrypt, encrypt) because transit's {@code rewrap} does not
 * take associated data. Thread-safe; the HTTP client is shared.
 */
public final class VaultTransitKms implements Kms {
    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):[A-Za-z0-9+/=]+");
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final VaultTransitSettings settings;
    private final VaultTransitClient client;

    public VaultTransitKms(VaultTransitSettings settings) {
        this(
                settings,
                HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
    }

    public VaultTransitKms(VaultTransitSettings settings, HttpClient http) {
        this.settings = settings;
        this.client = new VaultTransitClient(settings, http);
    }

    @Override
    public String name() {
        return "vault-transit";
    }

    @Override
    public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
        JsonObject body = new JsonObject();
        body.addProperty("plaintext", B64.encodeToString(dataKey));
        body.addProperty("associated_data", B64.encodeToString(associatedData));
        String ciphertext = string(data(client.post("encrypt/" + settings.keyName(), body)), "ciphertext");
        return new WrappedDek(versionOf(ciphertext), ciphertext.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
        JsonObject body = new JsonObject();
        body.addProperty("ciphertext", new String(wrapped.ciphertext(), StandardCharsets.US_ASCII));
        body.addProperty("associated_data", B64.encodeToString(associatedData));
        String plaintext = string(data(client.post("decrypt/" + settings.keyName(), body)), "plaintext");
        try {
            return Base64.getDecoder().decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw new KmsException("Vault transit decrypt answered malformed plaintext", false, e);
        }
    }

    @Override
    public int primaryVersion() {
        return integer(keyInfo(), "latest_version");
    }

    @Override
    public SortedSet<Integer> activeVersions() {
        JsonObject info = keyInfo();
        int min = Math.max(1, integer(info, "min_decryption_version"));
        int latest = integer(info, "latest_version");
        SortedSet<Integer> versions = new TreeSet<>();
        for (int v = min; v <= latest; v++) {
            versions.add(v);
        }
        return versions;
    }

    @Override
    public int rotate() {
        client.post("keys/" + settings.keyName() + "/rotate", new JsonObject());
        return primaryVersion();
    }

    /**
     * Vault transit retires by raising {@code min_decryption_version}, which retires every older version
     * at once: only the versions below the oldest one still needed (or the primary) can go.
     */
    @Override
    public SortedSet<Integer> retirableVersions(Set<Integer> stillNeeded) {
        JsonObject info = keyInfo();
        int oldestActive = Math.max(1, integer(info, "min_decryption_version"));
        int keep = integer(info, "latest_version");
        for (int version : stillNeeded) {
            if (version >= oldestActive) { // an already retired version cannot be helped any more
                keep = Math.min(keep, version);
            }
        }
        SortedSet<Integer> retirable = new TreeSet<>();
        for (int v = oldestActive; v < keep; v++) {
            retirable.add(v);
        }
        return retirable;
    }

    /**
     * Raises {@code min_decryption_version} to {@code version + 1}, which is only allowed when {@code
     * version} is the oldest active version: a larger step would retire older versions too, and one of
     * them may still wrap a key that somebody needs.
     */
    @Override
    public void retire(int version) {
        JsonObject info = keyInfo();
        if (version >= integer(info, "latest_version")) {
            throw new IllegalArgumentException("the primary KEK version cannot be retired");
        }
        int oldestActive = Math.max(1, integer(info, "min_decryption_version"));
        if (version < oldestActive) {
            return; // already retired
        }
        if (version > oldestActive) {
            throw new IllegalStateException("Vault transit retires KEK versions oldest first: version " + version
                    + " cannot be retired while version " + oldestActive + " is active");
        }
        JsonObject body = new JsonObject();
        body.addProperty("min_decryption_version", version + 1);
        client.post("keys/" + settings.keyName() + "/config", body);
    }

    private JsonObject keyInfo() {
        return data(client.get("keys/" + settings.keyName()));
    }

    static int versionOf(String ciphertext) {
        Matcher m = CIPHERTEXT.matcher(ciphertext);
        if (!m.matches()) {
            throw new KmsException("Vault transit answered a ciphertext in an unknown format", false);
        }
        return Integer.parseInt(m.group(1));
    }

    private static JsonObject data(JsonObject response) {
        JsonElement data = response.get("data");
        if (data == null || !data.isJsonObject()) {
            throw new KmsException("Vault transit answered without data", false);
        }
        return data.getAsJsonObject();
    }

    private static String string(JsonObject data, String field) {
        JsonElement value = data.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            throw new KmsException("Vault transit answered without " + field, false);
        }
        return value.getAsString();
    }

    private static int integer(JsonObject data, String field) {
        JsonElement value = data.get(field);
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isNumber()) {
            throw new KmsException("Vault transit answered without " + field, false);
        }
        return value.getAsInt();
    }
}
