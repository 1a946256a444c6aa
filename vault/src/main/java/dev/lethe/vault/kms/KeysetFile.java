package dev.lethe.vault.kms;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * The local KMS's keyset file: a cleartext Tink JSON keyset, readable by its owner only. It lives outside
 * the database on purpose: a database dump or backup alone then holds only wrapped keys.
 */
final class KeysetFile {
    static final String PROPERTY = "lethe.vault.kms.local.keyset-file";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    KeysetFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    KeysetHandle read() {
        try {
            requireOwnerOnly();
            String json = Files.readString(path, StandardCharsets.UTF_8);
            return TinkJsonProtoKeysetFormat.parseKeyset(
                    json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (IOException e) {
            throw new KmsException("cannot read the keyset file named by " + PROPERTY, false, e);
        } catch (GeneralSecurityException e) {
            throw new KmsException("the keyset file named by " + PROPERTY + " is not a valid keyset", false, e);
        }
    }

    FileTime lastModified() {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new KmsException("cannot read the keyset file named by " + PROPERTY, false, e);
        }
    }

    /** Writes the keyset atomically; with {@code createOnly}, fails if the file appeared meanwhile. */
    void write(KeysetHandle handle, boolean createOnly) throws FileAlreadyExistsException {
        try {
            Path dir = path.getParent();
            if (!Files.isDirectory(dir)) {
                // Directories we create are the owner's alone too; an existing one is left as it is.
                Files.createDirectories(dir, directoryAttributes());
            }
            Path tmp = Files.createTempFile(dir, ".keyset-", ".tmp", attributes());
            try {
                restrict(tmp);
                String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                        handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
                Files.writeString(tmp, json, StandardCharsets.UTF_8);
                if (createOnly) {
                    // A hard link fails if the target exists, so two processes starting at once
                    // cannot both create a keyset: the loser reads the winner's.
                    Files.createLink(path, tmp);
                } else {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new KmsException("cannot write the keyset file named by " + PROPERTY, false, e);
        }
    }

    private void requireOwnerOnly() throws IOException {
        if (!isPosix()) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new KmsException(
                    "the keyset file named by " + PROPERTY + " must be readable by its owner only (chmod 600), has "
                            + PosixFilePermissions.toString(perms),
                    false);
        }
    }

    private void restrict(Path file) throws IOException {
        if (isPosix()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private FileAttribute<?>[] attributes() {
        return isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private FileAttribute<?>[] directoryAttributes() {
        return isPosix()
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0];
    }

    private boolean isPosix() {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
