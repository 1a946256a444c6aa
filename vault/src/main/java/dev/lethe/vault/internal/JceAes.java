package dev.lethe.vault.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES as the JDK provides it (AES-NI on this hardware), for Bouncy Castle's FF1, whose own AES engine is a
 * table implementation in Java: FF1 runs two AES blocks per round, ten rounds per token, and those blocks
 * were most of a card token's cost. The FF1 logic stays Bouncy Castle's; only the block cipher is the JDK's,
 * so tokens are exactly what they were. Not thread-safe, like any {@link BlockCipher}.
 */
final class JceAes implements BlockCipher {

    private static final int BLOCK = 16;

    private final Cipher cipher;

    JceAes() {
        try {
            cipher = Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no AES", e);
        }
    }

    @Override
    public void init(boolean forEncryption, CipherParameters parameters) {
        if (!(parameters instanceof KeyParameter key)) {
            throw new IllegalArgumentException("AES needs a key");
        }
        try {
            cipher.init(
                    forEncryption ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key.getKey(), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an AES key", e);
        }
    }

    @Override
    public String getAlgorithmName() {
        return "AES";
    }

    @Override
    public int getBlockSize() {
        return BLOCK;
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (inOff + BLOCK > in.length || outOff + BLOCK > out.length) {
            throw new DataLengthException("AES works on 16-byte blocks");
        }
        try {
            return cipher.update(in, inOff, BLOCK, out, outOff);
        } catch (ShortBufferException e) {
            throw new DataLengthException("AES works on 16-byte blocks");
        }
    }

    @Override
    public void reset() {
        // ECB without padding keeps no state between blocks.
    }
}
