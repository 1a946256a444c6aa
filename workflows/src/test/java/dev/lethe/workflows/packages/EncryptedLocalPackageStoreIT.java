package dev.lethe.workflows.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.kms.LocalKms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted local store on a real directory with the vault's local KMS. */
class EncryptedLocalPackageStoreIT {

    private static final String SECRET = "ada.lovelace@example.com";

    @TempDir
    Path dir;

    private EncryptedLocalPackageStore store;
    private final UUID tenant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @BeforeEach
    void store() {
        store = new EncryptedLocalPackageStore(dir.resolve("packages"), LocalKms.open(dir.resolve("kms/keyset.json")));
    }

    @Test
    void anObjectReadsBackButItsFileHoldsNoPlaintext() throws IOException {
        byte[] content = (SECRET + "\n").repeat(5_000).getBytes(StandardCharsets.UTF_8);
        store.write(tenant, "requests/r1/part", out -> out.write(content));

        try (InputStream in = store.read(tenant, "requests/r1/part")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        List<Path> files = files();
        assertThat(files).hasSize(1);
        String onDisk = new String(Files.readAllBytes(files.getFirst()), StandardCharsets.ISO_8859_1);
        assertThat(onDisk).doesNotContain(SECRET).doesNotContain("ada.lovelace");
    }

    @Test
    void anObjectMovedToAnotherTenantDoesNotDecrypt() throws IOException {
        store.write(tenant, "requests/r1/package.zip", out -> out.write(SECRET.getBytes(StandardCharsets.UTF_8)));
        Path source = dir.resolve("packages").resolve(tenant.toString()).resolve("requests/r1/package.zip");
        Path stolen = dir.resolve("packages").resolve(other.toString()).resolve("requests/r1/package.zip");
        Files.createDirectories(stolen.getParent());
        Files.copy(source, stolen);

        assertThatThrownBy(() -> store.read(other, "requests/r1/package.zip").readAllBytes())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anObjectRenamedToAnotherKeyDoesNotDecrypt() throws IOException {
        store.write(tenant, "requests/r1/a", out -> out.write(SECRET.getBytes(StandardCharsets.UTF_8)));
        Path base = dir.resolve("packages").resolve(tenant.toString()).resolve("requests/r1");
        Files.copy(base.resolve("a"), base.resolve("b"));

        assertThatThrownBy(() -> store.read(tenant, "requests/r1/b").readAllBytes())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWriterThatFailsLeavesTheOldObjectAndNoTemporaryFile() throws IOException {
        store.write(tenant, "requests/r1/part", out -> out.write("old".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> store.write(tenant, "requests/r1/part", out -> {
                    out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("connector went away");
                }))
                .isInstanceOf(java.io.UncheckedIOException.class);

        try (InputStream in = store.read(tenant, "requests/r1/part")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old");
        }
        assertThat(files()).hasSize(1);
    }

    @Test
    void deleteExistsAndMissingObjects() {
        store.write(tenant, "requests/r1/part", out -> out.write(1));
        assertThat(store.exists(tenant, "requests/r1/part")).isTrue();
        assertThat(store.exists(other, "requests/r1/part")).isFalse();

        assertThat(store.delete(tenant, "requests/r1/part")).isTrue();
        assertThat(store.delete(tenant, "requests/r1/part")).isFalse();
        assertThatThrownBy(() -> store.read(tenant, "requests/r1/part"))
                .isInstanceOf(PackageStore.NoSuchObjectException.class);
    }

    @Test
    void aKeyCannotLeaveTheTenantsDirectory() {
        assertThatThrownBy(() -> store.write(tenant, "../" + other + "/x", out -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists(tenant, "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve("packages"))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
