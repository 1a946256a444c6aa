package dev.lethe.classifier.eval;

/** Generates government ids with correct check digits, in their usual written formats. */
final class GovernmentIdValues {

    private final Values v;

    GovernmentIdValues(Values values) {
        this.v = values;
    }

    String ssn() {
        int area;
        do {
            area = v.between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, v.between(1, 99), v.between(1, 9999));
    }

    String itin() {
        int[] groups = {v.between(70, 88), v.between(90, 92), v.between(94, 99), v.between(50, 65)};
        return String.format("9%02d-%02d-%04d", v.between(0, 99), groups[v.between(0, 3)], v.between(0, 9999));
    }

    String nino() {
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = "" + first.charAt(v.between(0, first.length() - 1))
                    + second.charAt(v.between(0, second.length() - 1));
        } while (prefix.matches("BG|GB|KN|NK|NT|TN|ZZ"));
        String digits = v.digits(6);
        char suffix = "ABCD".charAt(v.between(0, 3));
        return v.between(0, 1) == 0
                ? prefix + digits + suffix
                : prefix + " " + digits.substring(0, 2) + " " + digits.substring(2, 4) + " " + digits.substring(4) + " "
                        + suffix;
    }

    String nhs() {
        while (true) {
            String d = v.digits(9);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (d.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                String nhs = d + check;
                return v.between(0, 1) == 0
                        ? nhs
                        : nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
            }
        }
    }

    String deTaxId() {
        while (true) {
            // ten digits, first not zero, one digit twice, the rest distinct
            java.util.List<Integer> pool = new java.util.ArrayList<>(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            java.util.Collections.shuffle(pool, new java.util.Random(v.between(0, Integer.MAX_VALUE - 1)));
            java.util.List<Integer> ten = new java.util.ArrayList<>(pool.subList(0, 9));
            ten.add(ten.get(v.between(0, 8)));
            java.util.Collections.shuffle(ten, new java.util.Random(v.between(0, Integer.MAX_VALUE - 1)));
            if (ten.get(0) == 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            ten.forEach(sb::append);
            int product = 10;
            for (int i = 0; i < 10; i++) {
                int sum = (sb.charAt(i) - '0' + product) % 10;
                product = (sum == 0 ? 10 : sum) * 2 % 11;
            }
            int check = 11 - product == 10 ? 0 : 11 - product;
            return sb.append(check).toString();
        }
    }

    String frNir() {
        String body = v.between(1, 2)
                + String.format("%02d%02d%02d", v.between(0, 99), v.between(1, 12), v.between(1, 95))
                + v.digits(6);
        long key = 97 - Long.parseLong(body) % 97;
        String nir = body + String.format("%02d", key);
        return v.between(0, 1) == 0
                ? nir
                : nir.charAt(0) + " " + nir.substring(1, 3) + " " + nir.substring(3, 5) + " " + nir.substring(5, 7)
                        + " " + nir.substring(7, 10) + " " + nir.substring(10, 13) + " " + nir.substring(13);
    }

    String esDni() {
        String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (v.between(0, 3) == 0) {
            int lead = v.between(0, 2);
            String seven = v.digits(7);
            return "XYZ".charAt(lead) + seven + letters.charAt(Integer.parseInt(lead + seven) % 23);
        }
        String eight = v.digits(8);
        return eight + letters.charAt(Integer.parseInt(eight) % 23);
    }

    String itFiscalCode() {
        String consonants = "BCDFGHLMNPRSTVZ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(consonants.charAt(v.between(0, consonants.length() - 1)));
        }
        sb.append(String.format("%02d", v.between(40, 99)));
        sb.append("ABCDEHLMPRST".charAt(v.between(0, 11)));
        int day = v.between(1, 28) + (v.between(0, 1) == 0 ? 40 : 0);
        sb.append(String.format("%02d", day));
        sb.append((char) ('A' + v.between(0, 25))).append(v.digits(3));
        int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = sb.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[value] : value;
        }
        return sb.append((char) ('A' + sum % 26)).toString();
    }

    String nlBsn() {
        while (true) {
            String d = v.digits(8);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (d.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            if (check < 10 && sum > 0) {
                return d + check;
            }
        }
    }

    String plPesel() {
        int year = v.between(1940, 2015);
        int month = v.between(1, 12) + (year >= 2000 ? 20 : 0);
        String d = String.format("%02d%02d%02d", year % 100, month, v.between(1, 28)) + v.digits(4);
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        return d + (10 - sum % 10) % 10;
    }

    String sePersonnummer() {
        String date = String.format("%02d%02d%02d", v.between(0, 99), v.between(1, 12), v.between(1, 28));
        String payload = date + v.digits(3);
        String ten = payload + Values.luhnCheck(payload);
        return v.between(0, 1) == 0 ? ten.substring(0, 6) + "-" + ten.substring(6) : "19" + ten;
    }

    String fiHetu() {
        String date = String.format("%02d%02d%02d", v.between(1, 28), v.between(1, 12), v.between(0, 99));
        String individual = String.format("%03d", v.between(2, 899));
        char sign = "-A".charAt(v.between(0, 1));
        long n = Long.parseLong(date + individual);
        return date + sign + individual + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (n % 31));
    }

    String beNationalNumber() {
        int year = v.between(40, 99);
        String first = String.format("%02d%02d%02d", year, v.between(1, 12), v.between(1, 28))
                + String.format("%03d", v.between(1, 997));
        long check = 97 - Long.parseLong(first) % 97;
        String nn = first + String.format("%02d", check);
        return nn.substring(0, 2) + "." + nn.substring(2, 4) + "." + nn.substring(4, 6) + "-" + nn.substring(6, 9) + "."
                + nn.substring(9);
    }

    String euVat() {
        return switch (v.between(0, 3)) {
            case 0 -> {
                String siren = v.digits(9);
                long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
                yield "FR" + String.format("%02d", key) + siren;
            }
            case 1 -> {
                String payload = v.digits(10);
                yield "IT" + payload + Values.luhnCheck(payload);
            }
            case 2 -> {
                String eight = "0" + v.digits(7);
                yield "BE" + eight + String.format("%02d", 97 - Long.parseLong(eight) % 97);
            }
            default -> {
                while (true) {
                    String d = v.digits(8);
                    if (d.charAt(0) == '0') {
                        continue;
                    }
                    int product = 10;
                    for (int i = 0; i < 8; i++) {
                        int sum = (d.charAt(i) - '0' + product) % 10;
                        product = (sum == 0 ? 10 : sum) * 2 % 11;
                    }
                    int check = 11 - product == 10 ? 0 : 11 - product;
                    yield "DE" + d + check;
                }
            }
        };
    }
}
