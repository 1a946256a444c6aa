package dev.lethe.workflows.packages;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * Objects in a local directory, each encrypted under a data key of its own (AES-256-GCM-HKDF streaming
 * AEAD, 4 KB segments) that is stored beside it wrapped by the vault's {@link Kms}. Both the wrapping
 * and the stream bind tenant and key as associated data, so an object copied to another tenant's or
 * key's place does not decrypt. An object is written to a temporary file, synced and renamed into
 * place, so a crash leaves either the old object or the new one, never half of one.
 *
 * <p>File layout: {@code LPK1}, the KEK version (int), the wrapped key's length (int) and bytes, then
 * the streaming ciphertext.
 */
public final class EncryptedLocalPackageStore implements PackageStore {

    private static final byte[] MAGIC = "LPK1".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT = 4096;
    private static final int MAX_WRAPPED = 8192;

    private final Path root;
    private final Kms kms;
    private final SecureRandom random = new SecureRandom();

    public EncryptedLocalPackageStore(Path root, Kms kms) {
        this.root = root.toAbsolutePath().normalize();
        this.kms = kms;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the package directory", e);
        }
    }

    @Override
    public void write(UUID tenantId, String key, ObjectWriter writer) {
        Path target = path(tenantId, key);
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        byte[] aad = associatedData(tenantId, key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
            WrappedDek wrapped = kms.wrap(dataKey, aad);
            try (FileOutputStream file = new FileOutputStream(temp.toFile())) {
                var header = new DataOutputStream(file);
                header.write(MAGIC);
                header.writeInt(wrapped.kekVersion());
                byte[] ciphertext = wrapped.ciphertext();
                header.writeInt(ciphertext.length);
                header.write(ciphertext);
                header.flush();
                try (OutputStream encrypting = aead(dataKey).newEncryptingStream(new KeepOpen(file), aad)) {
                    writer.writeTo(encrypting);
                }
                file.getFD().sync();
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a package object", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a package object", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public InputStream read(UUID tenantId, String key) {
        Path source = path(tenantId, key);
        byte[] aad = associatedData(tenantId, key);
        InputStream file = null;
        try {
            file = Files.newInputStream(source);
            var header = new DataInputStream(file);
            byte[] magic = header.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException("not a package object");
            }
            int version = header.readInt();
            int length = header.readInt();
            if (length < 1 || length > MAX_WRAPPED) {
                throw new IllegalStateException("not a package object");
            }
            byte[] dataKey = kms.unwrap(new WrappedDek(version, header.readNBytes(length)), aad);
            try {
                return aead(dataKey).newDecryptingStream(file, aad);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException();
        } catch (IOException e) {
            closeQuietly(file);
            throw new UncheckedIOException("cannot read a package object", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            closeQuietly(file);
            if (e instanceof NoSuchObjectException n) {
                throw n;
            }
            throw new IllegalStateException("cannot decrypt a package object", e);
        }
    }

    @Override
    public boolean delete(UUID tenantId, String key) {
        try {
            return Files.deleteIfExists(path(tenantId, key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a package object", e);
        }
    }

    @Override
    public boolean exists(UUID tenantId, String key) {
        return Files.isRegularFile(path(tenantId, key));
    }

    private Path path(UUID tenantId, String key) {
        Path path = root.resolve(tenantId.toString())
                .resolve(PackageStore.requireKey(key))
                .normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a package object key");
        }
        return path;
    }

    static byte[] associatedData(UUID tenantId, String key) {
        return ("lethe-package\u0000" + tenantId + "\u0000" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static StreamingAead aead(byte[] dataKey) throws GeneralSecurityException {
        return new AesGcmHkdfStreaming(dataKey, "HmacSha256", 32, SEGMENT, 0);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stray temporary file holds only ciphertext; the next write of the key leaves it
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Lets the encrypting stream finish its last segment without closing the file before the sync. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
