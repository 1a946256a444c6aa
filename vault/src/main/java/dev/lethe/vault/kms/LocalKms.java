package dev.lethe.vault.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The default KMS: a Tink AES-256-GCM keyset in a file outside the database, created on first use with
 * owner-only permissions (0600). KEK versions are Tink key ids. Rotation adds a key and makes it primary;
 * retiring deletes a key's material from the file.
 *
 * <p>Meant for one process, or several that share the file read-only between rotations: a process that
 * fails to unwrap re-reads the file once if it changed, which picks up another process's rotation.
 */
public final class LocalKms implements Kms {
    private final KeysetFile file;
    private volatile State state;

    private record State(KeysetHandle handle, Aead aead, FileTime loadedAt) {}

    private LocalKms(KeysetFile file) {
        this.file = file;
    }

    /** Opens the keyset at {@code keysetFile}, creating it (and its directory) if absent. */
    public static LocalKms open(Path keysetFile) {
        register();
        LocalKms kms = new LocalKms(new KeysetFile(keysetFile));
        kms.loadOrCreate();
        return kms;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
        State s = state;
        try {
            return new WrappedDek(s.handle().getPrimary().getId(), s.aead().encrypt(dataKey, associatedData));
        } catch (GeneralSecurityException e) {
            throw new KmsException("local KMS could not wrap a key", false, e);
        }
    }

    @Override
    public byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
        try {
            return state.aead().decrypt(wrapped.ciphertext(), associatedData);
        } catch (GeneralSecurityException first) {
            if (!reloadIfChanged()) {
                throw new KmsException("local KMS could not unwrap a key", false, first);
            }
            try {
                return state.aead().decrypt(wrapped.ciphertext(), associatedData);
            } catch (GeneralSecurityException e) {
                throw new KmsException("local KMS could not unwrap a key", false, e);
            }
        }
    }

    @Override
    public int primaryVersion() {
        return state.handle().getPrimary().getId();
    }

    @Override
    public SortedSet<Integer> activeVersions() {
        KeysetHandle handle = state.handle();
        SortedSet<Integer> versions = new TreeSet<>();
        for (int i = 0; i < handle.size(); i++) {
            versions.add(handle.getAt(i).getId());
        }
        return versions;
    }

    @Override
    public synchronized int rotate() {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(state.handle());
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId()
                .makePrimary());
        persist(build(builder));
        return primaryVersion();
    }

    @Override
    public synchronized void retire(int version) {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(state.handle());
        for (int i = 0; i < builder.size(); i++) {
            if (builder.getAt(i).isPrimary() && state.handle().getAt(i).getId() == version) {
                throw new IllegalArgumentException("the primary KEK version cannot be retired");
            }
            if (state.handle().getAt(i).getId() == version) {
                builder.deleteAt(i);
                persist(build(builder));
                return;
            }
        }
    }

    /** Where the keyset lives. */
    public Path keysetFile() {
        return file.path();
    }

    private void loadOrCreate() {
        if (!file.exists()) {
            KeysetHandle fresh = build(KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary()));
            try {
                file.write(fresh, true);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            }
        }
        state = load(file.read());
    }

    private synchronized boolean reloadIfChanged() {
        if (file.lastModified().equals(state.loadedAt())) {
            return false;
        }
        state = load(file.read());
        return true;
    }

    private void persist(KeysetHandle handle) {
        try {
            file.write(handle, false);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("unreachable: replace does not check existence", e);
        }
        state = load(handle);
    }

    private State load(KeysetHandle handle) {
        try {
            return new State(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), file.lastModified());
        } catch (GeneralSecurityException e) {
            throw new KmsException(
                    "the keyset file named by " + KeysetFile.PROPERTY + " holds no usable AEAD key", false, e);
        }
    }

    private static KeysetHandle build(KeysetHandle.Builder builder) {
        try {
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new KmsException("local KMS could not build a keyset", false, e);
        }
    }

    private static void register() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AEAD is unavailable", e);
        }
    }
}
