package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private static final PasswordHashing HASHING = new PasswordHashing();

    @Test
    void hashesWithArgon2idAtOwaspsCostAndASaltPerHash() {
        String hash = HASHING.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash).doesNotContain("correct horse");
        assertThat(HASHING.hash("correct horse battery staple")).isNotEqualTo(hash);
        assertThat(HASHING.matches("correct horse battery staple", hash)).isTrue();
        assertThat(HASHING.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(HASHING.matches("Correct horse battery staple", hash)).isFalse();
    }

    @Test
    void comparesPasswordsInTheirNormalForm() {
        String hash = HASHING.hash("\uFB01sh and chips forever");

        assertThat(HASHING.matches("fish and chips forever", hash)).isTrue();
    }

    @Test
    void noHashMatchesNothing() {
        assertThat(HASHING.matches("anything at all", null)).isFalse();
        assertThat(HASHING.matchesNothing("anything at all")).isFalse();
    }

    @Test
    void aWeakerHashIsDueForRehashing() {
        String weaker = new PasswordHashing(4_096, 1).hash("correct horse battery staple");

        assertThat(HASHING.needsRehash(weaker)).isTrue();
        assertThat(HASHING.needsRehash(HASHING.hash("correct horse battery staple")))
                .isFalse();
        assertThat(HASHING.matches("correct horse battery staple", weaker)).isTrue();
    }
}
