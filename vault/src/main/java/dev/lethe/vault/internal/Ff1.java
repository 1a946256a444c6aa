package dev.lethe.vault.internal;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * FF1 (NIST SP 800-38G) as Bouncy Castle publishes it, over the JDK's AES ({@link JceAes}); symbols are
 * numerals {@code 0..radix-1}.
 */
final class Ff1 {

    /** One AES per thread: a cipher instance is costly to look up, re-keying it is not. */
    private static final ThreadLocal<JceAes> AES = ThreadLocal.withInitial(JceAes::new);

    private Ff1() {}

    static byte[] encrypt(byte[] key, int radix, byte[] tweak, byte[] symbols) {
        return apply(true, key, radix, tweak, symbols, symbols.length);
    }

    static byte[] decrypt(byte[] key, int radix, byte[] tweak, byte[] symbols) {
        return apply(false, key, radix, tweak, symbols, symbols.length);
    }

    /** Transforms the first {@code length} symbols; the rest are copied unchanged. */
    static byte[] apply(boolean encrypt, byte[] key, int radix, byte[] tweak, byte[] symbols, int length) {
        // A new engine per call: FPEFF1Engine keeps per-call state and is not thread-safe.
        FPEFF1Engine engine = new FPEFF1Engine(AES.get());
        engine.init(encrypt, new FPEParameters(new KeyParameter(key), radix, tweak));
        byte[] out = symbols.clone();
        engine.processBlock(symbols, 0, length, out, 0);
        return out;
    }
}
