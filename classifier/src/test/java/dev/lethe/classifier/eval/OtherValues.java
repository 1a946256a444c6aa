package dev.lethe.classifier.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/** Values of the remaining types: secrets, wallets, BIC, passports, coordinates, dates, people. */
final class OtherValues {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private final Values v;

    OtherValues(Values values) {
        this.v = values;
    }

    String chars(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(v.between(0, alphabet.length() - 1)));
        }
        return sb.toString();
    }

    String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(
                ("{\"sub\":\"" + v.digits(8) + "\",\"iat\":" + v.digits(10) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + chars(ALNUM + "-_", 43);
    }

    String awsKey() {
        return "AKIA" + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    String apiKey() {
        return switch (v.between(0, 3)) {
            case 0 -> "ghp_" + chars(ALNUM, 36);
            case 1 -> "sk_live_" + chars(ALNUM, 24);
            case 2 -> "xoxb-" + v.digits(11) + "-" + v.digits(12) + "-" + chars(ALNUM, 24);
            default -> "AIza" + chars(ALNUM + "-_", 35);
        };
    }

    String privateKey() {
        StringBuilder sb = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < 4; i++) {
            sb.append(chars(ALNUM + "+/", 64)).append('\n');
        }
        return sb.append("-----END PRIVATE KEY-----").toString();
    }

    String password() {
        return chars(ALNUM, v.between(4, 8)) + v.pick(List.of("!", "#", "$", "", "9"));
    }

    String wallet() {
        if (v.between(0, 2) == 0) {
            return "0x" + chars("0123456789abcdef", 39) + "a";
        }
        byte[] payload = new byte[25];
        payload[0] = (byte) (v.between(0, 1) == 0 ? 0x00 : 0x05);
        for (int i = 1; i < 21; i++) {
            payload[i] = (byte) v.between(0, 255);
        }
        byte[] check = sha256(sha256(java.util.Arrays.copyOf(payload, 21)));
        System.arraycopy(check, 0, payload, 21, 4);
        return base58(payload);
    }

    private static String base58(byte[] bytes) {
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        StringBuilder sb = new StringBuilder();
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(BASE58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String bic() {
        String bank = chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4);
        String country = v.pick(List.of("DE", "FR", "ES", "IT", "NL", "BE", "GB", "AT"));
        String location = chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1);
        return bank + country + location + (v.between(0, 1) == 0 ? "" : "XXX");
    }

    String passport() {
        return switch (v.between(0, 2)) {
            case 0 -> v.digits(2) + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2) + v.digits(5);
            case 1 -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2) + v.digits(7);
            default -> "C" + v.digits(2) + chars("CFGHJKLMNPRTVWXYZ", 1) + v.digits(5);
        };
    }

    String coordinates() {
        double lat = 36 + v.between(0, 2_400_000) / 100_000.0;
        double lon = -9 + v.between(0, 3_900_000) / 100_000.0;
        return String.format(java.util.Locale.ROOT, "%.6f, %.6f", lat, lon);
    }

    String birthDate() {
        int year = v.between(1935, 2008);
        int month = v.between(1, 12);
        int day = v.between(1, 28);
        String[] months = {"March", "März", "mars", "marzo", "maart", "July", "juillet", "julio", "luglio", "juli"};
        return switch (v.between(0, 3)) {
            case 3 -> day + " " + months[v.between(0, months.length - 1)] + " " + year;
            case 0 -> String.format("%02d.%02d.%d", day, month, year);
            case 1 -> String.format("%d-%02d-%02d", year, month, day);
            default -> String.format("%02d/%02d/%d", day, month, year);
        };
    }

    String url() {
        return v.pick(List.of("https://", "http://"))
                + v.pick(List.of("www.example.org", "blog.example.de", "example.fr")) + "/"
                + v.pick(List.of("u", "profile", "people", "~")) + "/" + chars("abcdefghijklmnopqrstuvwxyz", 6);
    }

    String fullName() {
        return v.pick(Names.GIVEN) + " " + v.pick(Names.FAMILY);
    }

    /** An address in one of the six languages' usual forms. */
    String address() {
        int n = v.between(1, 240);
        return switch (v.between(0, 5)) {
            case 0 -> n + " " + v.pick(Names.STREETS_EN) + ", London SW1A 1AA";
            case 1 -> v.pick(Names.STREETS_DE) + " " + n + ", " + v.pick(Names.TOWNS.subList(0, 2));
            case 2 -> n + " " + v.pick(Names.STREETS_FR) + ", " + v.pick(Names.TOWNS.subList(2, 4));
            case 3 -> v.pick(Names.STREETS_ES) + " " + n + ", " + v.pick(Names.TOWNS.subList(4, 6));
            case 4 -> v.pick(Names.STREETS_IT) + " " + n + ", " + v.pick(Names.TOWNS.subList(6, 8));
            default -> v.pick(Names.STREETS_NL) + " " + n + ", " + v.pick(Names.TOWNS.subList(8, 10));
        };
    }
}
