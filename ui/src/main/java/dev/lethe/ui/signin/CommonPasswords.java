package dev.lethe.ui.signin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The passwords that attackers try first, which NIST SP 800-63B says to refuse: the bundled list
 * ({@code common-passwords.txt}, the 17,950 of 8 characters or more among zxcvbn-ts's 49,233 most
 * common, see {@code common-passwords.NOTICE}), compared without regard to case. Loaded once.
 */
final class CommonPasswords {

    private static final String RESOURCE = "common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    static CommonPasswords bundled() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = Objects.requireNonNull(
                        CommonPasswords.class.getResourceAsStream(RESOURCE), RESOURCE + " is bundled");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    passwords.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        return new CommonPasswords(passwords);
    }

    boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return passwords.size();
    }
}
