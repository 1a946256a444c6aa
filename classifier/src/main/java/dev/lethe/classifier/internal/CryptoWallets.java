package dev.lethe.classifier.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Cryptocurrency addresses: Bitcoin base58check and bech32/bech32m with checksum, Ethereum hex. */
final class CryptoWallets {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;

    private CryptoWallets() {}

    static boolean isWallet(String s) {
        if (s.startsWith("bc1") || s.startsWith("BC1")) {
            return bech32(s.toLowerCase(java.util.Locale.ROOT));
        }
        if (s.startsWith("0x") && s.length() == 42) {
            return ethereum(s);
        }
        char first = s.charAt(0);
        return (first == '1' || first == '3') && s.length() >= 26 && s.length() <= 35 && base58Check(s);
    }

    /** Ethereum: 40 hex digits. Mixed case carries an EIP-55 checksum we do not verify (needs Keccak). */
    private static boolean ethereum(String s) {
        int letters = 0;
        for (int i = 2; i < 42; i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
            letters += c > '9' ? 1 : 0;
        }
        return letters > 0;
    }

    private static boolean base58Check(String s) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            int digit = BASE58.indexOf(s.charAt(i));
            if (digit < 0) {
                return false;
            }
            value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
        }
        byte[] raw = value.toByteArray();
        int leadingOnes = 0;
        while (leadingOnes < s.length() && s.charAt(leadingOnes) == '1') {
            leadingOnes++;
        }
        int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0; // BigInteger's sign byte
        byte[] bytes = new byte[leadingOnes + raw.length - skip];
        System.arraycopy(raw, skip, bytes, leadingOnes, raw.length - skip);
        if (bytes.length != 25 || (bytes[0] != 0x00 && bytes[0] != 0x05)) {
            return false;
        }
        byte[] check = sha256(sha256(Arrays.copyOf(bytes, 21)));
        return Arrays.equals(Arrays.copyOfRange(check, 0, 4), Arrays.copyOfRange(bytes, 21, 25));
    }

    private static boolean bech32(String s) {
        int sep = s.lastIndexOf('1');
        if (sep != 2 || s.length() < 14 || s.length() > 90) {
            return false;
        }
        int[] values = new int[s.length() - 3];
        for (int i = 3; i < s.length(); i++) {
            int v = BECH32.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            values[i - 3] = v;
        }
        int check = polymod(values);
        boolean witnessZero = values[0] == 0;
        return witnessZero ? check == BECH32_CONST : check == BECH32M_CONST;
    }

    /** BIP-173 polymod over the expanded human-readable part "bc" followed by the data. */
    private static int polymod(int[] data) {
        int[] generators = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int[] hrp = {3, 3, 0, 2, 3}; // "bc": high bits 3,3, separator 0, low bits 2,3
        int chk = 1;
        for (int[] part : new int[][] {hrp, data}) {
            for (int v : part) {
                int top = chk >>> 25;
                chk = (chk & 0x1ffffff) << 5 ^ v;
                for (int i = 0; i < 5; i++) {
                    if (((top >>> i) & 1) != 0) {
                        chk ^= generators[i];
                    }
                }
            }
        }
        return chk;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
