package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKmsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "acme/key-1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void createsTheKeysetOnFirstUseReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("kms/keyset.json");
        LocalKms kms = LocalKms.open(file);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(kms.activeVersions()).containsExactly(kms.primaryVersion());
        assertThat(Files.list(file.getParent())).hasSize(1);
    }

    @Test
    void wrapsAndUnwrapsBoundToAssociatedData() {
        LocalKms kms = LocalKms.open(dir.resolve("keyset.json"));
        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThat(wrapped.kekVersion()).isEqualTo(kms.primaryVersion());
        assertThat(kms.unwrap(wrapped, AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.unwrap(wrapped, "other/row".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).isRetriable()).isFalse());
    }

    @Test
    void reopeningUsesTheSameKeyset() {
        Path file = dir.resolve("keyset.json");
        WrappedDek wrapped = LocalKms.open(file).wrap(KEY, AD);

        assertThat(LocalKms.open(file).unwrap(wrapped, AD)).isEqualTo(KEY);
    }

    @Test
    void rotationKeepsOldVersionsUnwrappingUntilRetired() {
        Path file = dir.resolve("keyset.json");
        LocalKms kms = LocalKms.open(file);
        WrappedDek old = kms.wrap(KEY, AD);

        int next = kms.rotate();

        assertThat(next).isNotEqualTo(old.kekVersion());
        assertThat(kms.primaryVersion()).isEqualTo(next);
        assertThat(kms.wrap(KEY, AD).kekVersion()).isEqualTo(next);
        assertThat(kms.unwrap(old, AD)).isEqualTo(KEY);
        WrappedDek rewrapped = kms.rewrap(old, AD);
        assertThat(rewrapped.kekVersion()).isEqualTo(next);

        kms.retire(old.kekVersion());

        assertThat(kms.activeVersions()).containsExactly(next);
        assertThatThrownBy(() -> kms.unwrap(old, AD)).isInstanceOf(KmsException.class);
        assertThat(LocalKms.open(file).unwrap(rewrapped, AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.retire(next)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherProcessesRotationIsPickedUpOnUnwrap() {
        Path file = dir.resolve("keyset.json");
        LocalKms reader = LocalKms.open(file);
        LocalKms rotator = LocalKms.open(file);
        rotator.rotate();

        assertThat(reader.unwrap(rotator.wrap(KEY, AD), AD)).isEqualTo(KEY);
    }

    @Test
    void refusesAKeysetOthersCanRead() throws Exception {
        Path file = dir.resolve("keyset.json");
        LocalKms.open(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> LocalKms.open(file))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("lethe.vault.kms.local.keyset-file")
                .hasMessageContaining("chmod 600");
    }
}
