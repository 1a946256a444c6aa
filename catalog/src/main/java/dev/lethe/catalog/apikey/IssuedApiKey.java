package dev.lethe.catalog.apikey;

/**
 * A key just made and its secret: the only time the secret exists outside its holder's hands, as only
 * its hash is stored. {@link #toString()} leaves the secret out.
 */
public record IssuedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + "]";
    }
}
