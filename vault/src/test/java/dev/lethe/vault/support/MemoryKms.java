package dev.lethe.vault.support;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
import dev.lethe.vault.kms.WrappedDek;
import java.security.GeneralSecurityException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** A KMS whose Tink keyset lives only in memory; counts unwraps so tests can see the cache work. */
public final class MemoryKms implements Kms {
    private volatile KeysetHandle handle;
    private volatile Aead aead;
    private final AtomicInteger unwraps = new AtomicInteger();

    public MemoryKms() {
        try {
            AeadConfig.register();
            install(KeysetHandle.newBuilder().addEntry(entry()).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
        KeysetHandle h = handle;
        Aead a = aead;
        try {
            return new WrappedDek(h.getPrimary().getId(), a.encrypt(dataKey, associatedData));
        } catch (GeneralSecurityException e) {
            throw new KmsException("wrap failed", false, e);
        }
    }

    @Override
    public byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
        unwraps.incrementAndGet();
        try {
            return aead.decrypt(wrapped.ciphertext(), associatedData);
        } catch (GeneralSecurityException e) {
            throw new KmsException("unwrap failed", false, e);
        }
    }

    @Override
    public int primaryVersion() {
        return handle.getPrimary().getId();
    }

    @Override
    public SortedSet<Integer> activeVersions() {
        SortedSet<Integer> versions = new TreeSet<>();
        for (int i = 0; i < handle.size(); i++) {
            versions.add(handle.getAt(i).getId());
        }
        return versions;
    }

    @Override
    public synchronized int rotate() {
        try {
            install(KeysetHandle.newBuilder(handle).addEntry(entry()).build());
            return primaryVersion();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void retire(int version) {
        if (version == primaryVersion()) {
            throw new IllegalArgumentException("primary");
        }
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            for (int i = 0; i < handle.size(); i++) {
                if (handle.getAt(i).getId() == version) {
                    builder.deleteAt(i);
                    install(builder.build());
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int unwraps() {
        return unwraps.get();
    }

    private void install(KeysetHandle next) throws GeneralSecurityException {
        Aead nextAead = next.getPrimitive(RegistryConfiguration.get(), Aead.class);
        aead = nextAead;
        handle = next;
    }

    private static KeysetHandle.Builder.Entry entry() {
        return KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId()
                .makePrimary();
    }
}
