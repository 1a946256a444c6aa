package dev.lethe.classifier.eval;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Generates valid values of each type, computing check digits from the published algorithms. Written
 * independently of the main code's validators so the evaluation is not checking the code against itself.
 */
final class Values {

    static final List<String> PHONE_REGIONS = List.of(
            "DE", "FR", "ES", "IT", "NL", "GB", "US", "BE", "AT", "CH", "SE", "FI", "PL", "PT", "IE", "DK", "NO", "CA",
            "AU", "BR", "IN", "JP");

    private final Random random;

    Values(Random random) {
        this.random = random;
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static int luhnCheck(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int d = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    String card() {
        String[][] issuers = {
            {"4", "16"},
            {"4", "13"},
            {"51", "16"},
            {"55", "16"},
            {"2221", "16"},
            {"34", "15"},
            {"37", "15"},
            {"6011", "16"},
            {"65", "16"},
            {"3528", "16"},
            {"36", "14"},
            {"62", "16"}
        };
        String[] issuer = issuers[random.nextInt(issuers.length)];
        int length = Integer.parseInt(issuer[1]);
        String payload = issuer[0] + digits(length - 1 - issuer[0].length());
        String card = payload + luhnCheck(payload);
        return switch (random.nextInt(3)) {
            case 0 -> card;
            case 1 ->
                length == 15
                        ? card.substring(0, 4) + " " + card.substring(4, 10) + " " + card.substring(10)
                        : group(card, 4, " ");
            default ->
                length == 15
                        ? card.substring(0, 4) + "-" + card.substring(4, 10) + "-" + card.substring(10)
                        : group(card, 4, "-");
        };
    }

    static String group(String s, int size, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += size) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(s, i, Math.min(s.length(), i + size));
        }
        return sb.toString();
    }

    String iban() {
        String[][] formats = {
            {"DE", "18n"},
            {"FR", "10n11c2n"},
            {"ES", "20n"},
            {"IT", "1a10n12c"},
            {"NL", "4a10n"},
            {"BE", "12n"},
            {"AT", "16n"},
            {"CH", "5n12c"},
            {"GB", "4a14n"},
            {"PL", "24n"},
            {"SE", "20n"},
            {"PT", "21n"},
            {"IE", "4a14n"},
            {"FI", "14n"},
            {"DK", "14n"},
            {"LU", "3n13c"}
        };
        String[] f = formats[random.nextInt(formats.length)];
        String bban = bban(f[1]);
        String rearranged = bban + f[0] + "00";
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98
                - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        String iban = f[0] + String.format("%02d", check) + bban;
        return random.nextBoolean() ? iban : group(iban, 4, " ");
    }

    private String bban(String format) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (char c : format.toCharArray()) {
            if (Character.isDigit(c)) {
                n = n * 10 + (c - '0');
                continue;
            }
            for (int i = 0; i < n; i++) {
                sb.append(
                        switch (c) {
                            case 'n' -> (char) ('0' + random.nextInt(10));
                            case 'a' -> (char) ('A' + random.nextInt(26));
                            default ->
                                random.nextBoolean()
                                        ? (char) ('0' + random.nextInt(10))
                                        : (char) ('A' + random.nextInt(26));
                        });
            }
            n = 0;
        }
        return sb.toString();
    }

    String email(String given, String family) {
        String local = switch (random.nextInt(4)) {
            case 0 -> given + "." + family;
            case 1 -> given.charAt(0) + family;
            case 2 -> given + "_" + family + between(1, 99);
            default -> family + "+news";
        };
        String domain = pick(List.of(
                "example.org",
                "mail.example.de",
                "beispiel.de",
                "exemple.fr",
                "ejemplo.es",
                "esempio.it",
                "voorbeeld.nl",
                "corp.example.co.uk"));
        return Names.ascii(local.toLowerCase(java.util.Locale.ROOT)) + "@" + domain;
    }

    /** A valid phone number of a random region, in international or national format, and its region. */
    String[] phone() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String region = pick(PHONE_REGIONS);
        PhoneNumber example = random.nextBoolean()
                ? util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE)
                : util.getExampleNumber(region);
        for (int attempt = 0; attempt < 20; attempt++) {
            String national = String.valueOf(example.getNationalNumber());
            int keep = Math.max(3, national.length() - 4);
            PhoneNumber candidate = new PhoneNumber()
                    .setCountryCode(example.getCountryCode())
                    .setNationalNumber(Long.parseLong(national.substring(0, keep) + digits(national.length() - keep)));
            if (util.isValidNumber(candidate)) {
                example = candidate;
                break;
            }
        }
        boolean international = random.nextInt(3) > 0;
        PhoneNumberFormat format = international ? PhoneNumberFormat.INTERNATIONAL : PhoneNumberFormat.NATIONAL;
        return new String[] {util.format(example, format), international ? "" : region};
    }

    String ipv4() {
        return between(1, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    String ipv6() {
        StringBuilder sb = new StringBuilder("2001:db8");
        int groups = random.nextBoolean() ? 6 : 3;
        for (int i = 0; i < groups; i++) {
            sb.append(':').append(Integer.toHexString(random.nextInt(65536)));
        }
        String full = sb.toString();
        return groups == 6 ? full : full.replaceFirst("2001:db8", "2001:db8:");
    }

    String mac() {
        StringBuilder sb = new StringBuilder();
        char sep = random.nextBoolean() ? ':' : '-';
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(String.format("%02X", random.nextInt(256)));
        }
        return sb.toString();
    }
}
