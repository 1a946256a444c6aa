package dev.lethe.ui.signin;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with
 * OWASP's recommended minimum cost: 19 MiB of memory, two passes, one lane, a 16-byte salt and a
 * 32-byte hash (about 50 ms here). Passwords are normalised (NFKC) before hashing. When an account
 * is unknown, {@link #matchesNothing} spends the same time, so a sign-in's timing does not tell
 * whether an address has an account. Thread-safe.
 */
public final class PasswordHashing {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder;
    private final String decoy;

    public PasswordHashing() {
        this(MEMORY_KIB, ITERATIONS);
    }

    PasswordHashing(int memoryKib, int iterations) {
        this.encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        this.decoy = encoder.encode("decoy password for unknown accounts");
    }

    public String hash(String password) {
        return encoder.encode(PasswordPolicy.normalise(password));
    }

    /** True when the password is the one hashed; false for a null or malformed hash. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            matchesNothing(password);
            return false;
        }
        return encoder.matches(PasswordPolicy.normalise(password), hash);
    }

    /** Hashes as {@link #matches} would and answers false: for accounts that do not exist. */
    public boolean matchesNothing(String password) {
        encoder.matches(PasswordPolicy.normalise(password), decoy);
        return false;
    }

    /** True when the hash was made with weaker parameters than today's and should be redone. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
