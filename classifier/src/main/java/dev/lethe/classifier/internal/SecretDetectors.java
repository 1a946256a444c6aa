package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import dev.lethe.classifier.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Secrets that must never flow: PEM private keys, JWTs, cloud and API keys, high-entropy tokens. */
final class SecretDetectors {

    private static final String BEGIN = "-----BEGIN ";
    private static final int MAX_PEM = 16_384;

    /** Known token formats: prefixes, and the minimum length of the whole token at the same index. */
    private static final String[] API_PREFIXES = {
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xoxp-",
        "xoxa-",
        "xoxs-",
        "sk_live_",
        "sk_test_",
        "rk_live_",
        "pk_live_",
        "sk-proj-",
        "sk-ant-",
        "AIza",
        "SG.",
        "npm_",
        "shpat_",
        "hf_",
        "dop_v1_"
    };

    private static final int[] API_MIN_LENGTHS = {
        40, 40, 40, 40, 40, 60, 26, 30, 30, 30, 30, 30, 30, 30, 30, 40, 40, 39, 60, 40, 38, 34, 64
    };

    private SecretDetectors() {}

    /** PEM blocks of private keys, from BEGIN to the end of the matching END line. */
    static void privateKeys(String text, List<Candidate> out) {
        int at = text.indexOf(BEGIN);
        while (at >= 0) {
            int headerEnd = Bounded.indexOf(text, "-----", at + BEGIN.length(), at + 64);
            if (headerEnd < 0) {
                at = text.indexOf(BEGIN, at + BEGIN.length());
                continue;
            }
            String label = text.substring(at + BEGIN.length(), headerEnd);
            if (label.endsWith("PRIVATE KEY")) {
                int limit = (int) Math.min(text.length(), (long) at + MAX_PEM);
                int end = Bounded.indexOf(text, "-----END " + label + "-----", headerEnd, limit);
                int stop = end < 0 || end > limit ? limit : end + label.length() + 14;
                out.add(new Candidate(PiiType.PRIVATE_KEY, at, stop, 0.99, Evidence.PATTERN, Evidence.VALIDATOR));
                at = text.indexOf(BEGIN, stop);
            } else {
                at = text.indexOf(BEGIN, headerEnd);
            }
        }
    }

    /** Detects secrets in the token {@code text[s,e)}; returns whether one was found. */
    static boolean token(String text, int s, int e, List<Candidate> out) {
        int len = e - s;
        if (len >= 20 && text.startsWith("eyJ", s) && jwt(text, s, e)) {
            out.add(new Candidate(PiiType.JWT, s, e, 0.97, Evidence.PATTERN, Evidence.VALIDATOR));
            return true;
        }
        if (len == 20 && awsKey(text, s)) {
            out.add(new Candidate(PiiType.AWS_ACCESS_KEY, s, e, 0.95, Evidence.PATTERN));
            return true;
        }
        for (int k = 0; k < API_PREFIXES.length; k++) {
            if (len >= API_MIN_LENGTHS[k] && text.startsWith(API_PREFIXES[k], s) && tokenChars(text, s, e)) {
                out.add(new Candidate(PiiType.API_KEY, s, e, 0.93, Evidence.PATTERN));
                return true;
            }
        }
        if (len >= 26 && len <= 90) {
            String t = text.substring(s, e);
            if (CryptoWallets.isWallet(t)) {
                double score = t.startsWith("0x") ? 0.8 : 0.95;
                out.add(new Candidate(PiiType.CRYPTO_WALLET, s, e, score, Evidence.PATTERN, Evidence.VALIDATOR));
                return true;
            }
        }
        if (len >= 20 && len <= 256 && highEntropy(text, s, e)) {
            // random-looking strings are keys only when named so nearby: they need context to be reported
            out.add(new Candidate(PiiType.API_KEY, s, e, 0.3, Evidence.PATTERN));
            return true;
        }
        return false;
    }

    private static boolean jwt(String text, int s, int e) {
        int dot1 = Bounded.indexOf(text, '.', s, e);
        int dot2 = dot1 < 0 ? -1 : Bounded.indexOf(text, '.', dot1 + 1, e);
        if (dot1 < 0 || dot2 < 0 || dot2 >= e || !tokenChars(text, s, e)) {
            return false;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(text.substring(s, dot1));
            return new String(header, StandardCharsets.UTF_8).contains("\"alg\"");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean awsKey(String text, int s) {
        boolean prefix = text.startsWith("AKIA", s)
                || text.startsWith("ASIA", s)
                || text.startsWith("ABIA", s)
                || text.startsWith("ACCA", s);
        if (!prefix) {
            return false;
        }
        for (int i = s + 4; i < s + 20; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokenChars(String text, int s, int e) {
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '=' || c == '/' || c == '+')
                    || c > 127) {
                return false;
            }
        }
        return true;
    }

    /**
     * Mixed upper, lower and digits with high Shannon entropy. Hex-only strings (hashes, UUIDs) never
     * qualify: they cannot contain both cases.
     */
    static boolean highEntropy(String text, int s, int e) {
        if (!tokenChars(text, s, e)) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            counts[c]++;
        }
        if (!(upper && lower && digit)) {
            return false;
        }
        double entropy = 0;
        double n = e - s;
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                entropy -= p * Math.log(p);
            }
        }
        return entropy / Math.log(2) >= Math.min(4.0, Math.log(n) / Math.log(2) * 0.8);
    }
}
