package dev.lethe.classifier.internal;

import static dev.lethe.classifier.internal.Checksums.digit;
import static dev.lethe.classifier.internal.Checksums.number;
import static dev.lethe.classifier.internal.Checksums.weightedSum;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EU VAT identification numbers: the country prefix, the per-country format and, where the country
 * defines one, its check digit. Validated numbers score higher than format-only ones.
 */
final class VatNumbers {

    /** Outcome of validation: invalid, matching the country's format only, or passing its checksum too. */
    enum Result {
        INVALID,
        FORMAT,
        CHECKSUM
    }

    // The bodies are short and anchored, so these patterns cannot backtrack badly.
    // A HashMap, not Map.ofEntries: looked up for every two capitals (see WordLists.frozen).
    private static final Map<String, Pattern> FORMATS = Collections.unmodifiableMap(new HashMap<>(Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[0-9A-HJ-NP-Z]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("\\d{2,10}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}")))));

    private VatNumbers() {}

    static boolean isPrefix(String country) {
        return FORMATS.containsKey(country);
    }

    /** Validates a compact upper-case VAT number including its two-letter prefix. */
    static Result validate(String vat) {
        if (vat.length() < 4 || vat.length() > 16) {
            return Result.INVALID;
        }
        String country = vat.substring(0, 2);
        String body = vat.substring(2);
        Pattern format = FORMATS.get(country);
        if (format == null || !format.matcher(body).matches()) {
            return Result.INVALID;
        }
        return switch (country) {
            case "DE" -> checked(body.charAt(0) != '0' && Checksums.iso7064Mod11Of10(body));
            case "AT" -> checked(austria(body.substring(1)));
            case "BE" -> checked(97 - Long.parseLong(body.substring(0, 8)) % 97 == number(body, 8, 10));
            case "DK" -> checked(weightedSum(body, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0);
            case "FI" -> checked(finland(body));
            case "FR" -> checked(france(body));
            case "IT" -> checked(Checksums.luhn(body));
            case "NL" -> checked(netherlands(body));
            case "PL" -> checked(weightedSum(body, new int[] {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11 == digit(body, 9));
            case "PT" -> checked(portugal(body));
            case "SE" -> checked(Checksums.luhn(body.substring(0, 10)));
            default -> Result.FORMAT;
        };
    }

    private static Result checked(boolean valid) {
        return valid ? Result.CHECKSUM : Result.INVALID;
    }

    private static boolean austria(String d) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int v = digit(d, i);
            if (i % 2 == 1) {
                v = v * 2;
                v = v / 10 + v % 10;
            }
            sum += v;
        }
        return (10 - (sum + 4) % 10) % 10 == digit(d, 7);
    }

    private static boolean finland(String d) {
        int rest = weightedSum(d, new int[] {7, 9, 10, 5, 8, 4, 2}) % 11;
        int check = rest == 0 ? 0 : 11 - rest;
        return rest != 1 && check == digit(d, 7);
    }

    private static boolean france(String body) {
        if (!Checksums.allDigits(body.substring(0, 2))) {
            return true; // the newer alphanumeric keys have no published check
        }
        long siren = Long.parseLong(body.substring(2));
        return (12 + 3 * (siren % 97)) % 97 == number(body, 0, 2);
    }

    private static boolean netherlands(String body) {
        String d = body.substring(0, 9);
        boolean elevenProof = (weightedSum(d, new int[] {9, 8, 7, 6, 5, 4, 3, 2}) - digit(d, 8)) % 11 == 0;
        // sole traders since 2020: mod 97 over "NL" + number, letters as 10..35
        String sole = "2321" + d + "11" + body.substring(10);
        return elevenProof || Checksums.mod97(sole) == 1;
    }

    private static boolean portugal(String d) {
        int rest = weightedSum(d, new int[] {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
        int check = rest < 2 ? 0 : 11 - rest;
        return check == digit(d, 8);
    }
}
