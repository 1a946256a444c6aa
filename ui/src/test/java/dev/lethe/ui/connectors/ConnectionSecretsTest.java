package dev.lethe.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ConnectionSecretsTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CONNECTION = UUID.randomUUID();
    private static final Map<String, String> SECRETS = Map.of("password", "correct horse battery staple");

    private final TwoVersionKms kms = new TwoVersionKms();
    private final ConnectionSecrets secrets = new ConnectionSecrets(kms);

    @Test
    void sealedSecretsOpenForTheirOwnRowOnly() {
        Sealing.SealedBox sealed = secrets.seal(TENANT, CONNECTION, SECRETS);

        assertThat(secrets.open(TENANT, CONNECTION, sealed)).isEqualTo(SECRETS);
        assertThatThrownBy(() -> secrets.open(TENANT, UUID.randomUUID(), sealed))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> secrets.open(UUID.randomUUID(), CONNECTION, sealed))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theValueIsNowhereInWhatIsStored() {
        Sealing.SealedBox sealed = secrets.seal(TENANT, CONNECTION, SECRETS);

        String stored = HexFormat.of().formatHex(sealed.ciphertext())
                + HexFormat.of().formatHex(sealed.dataKey().ciphertext());
        String value = HexFormat.of().formatHex("correct horse".getBytes(StandardCharsets.UTF_8));
        assertThat(stored).doesNotContain(value);
        assertThat(sealed.toString()).doesNotContain("correct horse");
        assertThat(secrets.seal(TENANT, CONNECTION, SECRETS).ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        Sealing.SealedBox sealed = secrets.seal(TENANT, CONNECTION, SECRETS);
        byte[] tampered = sealed.ciphertext();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> secrets.open(TENANT, CONNECTION, new Sealing.SealedBox(tampered, sealed.dataKey())))
                .hasMessageContaining("do not open")
                .hasMessageNotContaining("correct horse");
    }

    @Test
    void aRewrappedDataKeyOpensTheSameCiphertextUnderTheNewVersion() {
        Sealing.SealedBox sealed = secrets.seal(TENANT, CONNECTION, SECRETS);
        kms.rotate();

        WrappedDek rewrapped = secrets.rewrap(TENANT, CONNECTION, sealed.dataKey());
        kms.retire(1);

        assertThat(rewrapped.kekVersion()).isEqualTo(2);
        assertThat(secrets.open(TENANT, CONNECTION, new Sealing.SealedBox(sealed.ciphertext(), rewrapped)))
                .isEqualTo(SECRETS);
        assertThatThrownBy(() -> secrets.open(TENANT, CONNECTION, sealed)).isInstanceOf(KmsException.class);
    }

    @Test
    void aSealedValueOpensOnlyUnderItsOwnLabel() {
        byte[] value = "ada@example.com".getBytes(StandardCharsets.UTF_8);
        Sealing.SealedBox sealed = new Sealing(kms, "lethe-pending-result/v1").seal(TENANT, CONNECTION, value);

        assertThat(new Sealing(kms, "lethe-pending-result/v1").open(TENANT, CONNECTION, sealed))
                .isEqualTo(value);
        assertThatThrownBy(() -> new Sealing(kms, ConnectionSecrets.LABEL).open(TENANT, CONNECTION, sealed))
                .isInstanceOf(RuntimeException.class);
    }

    /** A KMS in memory: one AES key per version, AES-GCM with the associated data (a fixed nonce: a test only). */
    private static final class TwoVersionKms implements Kms {

        private final TreeMap<Integer, byte[]> keys = new TreeMap<>(Map.of(1, key(1)));

        @Override
        public String name() {
            return "test";
        }

        @Override
        public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
            return new WrappedDek(
                    keys.lastKey(), crypt(Cipher.ENCRYPT_MODE, keys.lastEntry().getValue(), dataKey, associatedData));
        }

        @Override
        public byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
            byte[] key = keys.get(wrapped.kekVersion());
            if (key == null) {
                throw new KmsException("version " + wrapped.kekVersion() + " is retired", false, null);
            }
            return crypt(Cipher.DECRYPT_MODE, key, wrapped.ciphertext(), associatedData);
        }

        @Override
        public int primaryVersion() {
            return keys.lastKey();
        }

        @Override
        public SortedSet<Integer> activeVersions() {
            return new TreeSet<>(keys.keySet());
        }

        @Override
        public int rotate() {
            int next = keys.lastKey() + 1;
            keys.put(next, key(next));
            return next;
        }

        @Override
        public void retire(int version) {
            keys.remove(version);
        }

        private static byte[] key(int version) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) version);
            return key;
        }

        private static byte[] crypt(int mode, byte[] key, byte[] data, byte[] associatedData) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, new byte[12]));
                cipher.updateAAD(associatedData);
                return cipher.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new KmsException("does not unwrap", false, e);
            }
        }
    }
}
