package dev.lethe.classifier.internal;

import static dev.lethe.classifier.internal.Checksums.digit;
import static dev.lethe.classifier.internal.Checksums.isDate;
import static dev.lethe.classifier.internal.Checksums.number;

/** Government ids made of digits only. Each method takes the digits without separators. */
final class NumericIds {

    private NumericIds() {}

    /** US SSN: never-issued areas (000, 666, 900-999), group 00 and serial 0000 are excluded. */
    static boolean usSsn(String d) {
        if (d.length() != 9) {
            return false;
        }
        int area = number(d, 0, 3);
        int group = number(d, 3, 5);
        int serial = number(d, 5, 9);
        boolean advertised = d.equals("078051120") || d.equals("219099999");
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !advertised;
    }

    /** US ITIN: 9XX-GG-SSSS with the group in 50-65, 70-88, 90-92 or 94-99. */
    static boolean usItin(String d) {
        if (d.length() != 9 || d.charAt(0) != '9') {
            return false;
        }
        int group = number(d, 3, 5);
        return (group >= 50 && group <= 65)
                || (group >= 70 && group <= 88)
                || (group >= 90 && group <= 92)
                || group >= 94;
    }

    /** NHS number: mod 11 with weights 10..2; a remainder giving check 10 is never issued. */
    static boolean ukNhs(String d) {
        if (d.length() != 10 || repeated(d)) {
            return false;
        }
        int sum = Checksums.weightedSum(d, new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2});
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digit(d, 9);
    }

    /**
     * German Steuer-IdNr: 11 digits, no leading zero, in the first ten one digit occurs twice or three
     * times and all others at most once, then ISO 7064 MOD 11,10.
     */
    static boolean deTaxId(String d) {
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digit(d, i)]++;
        }
        int multiples = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c > 1) {
                multiples++;
            }
        }
        return multiples == 1 && Checksums.iso7064Mod11Of10(d);
    }

    /** Dutch BSN: the "11-proof" with weights 9..2 and -1 for the last digit. */
    static boolean nlBsn(String d) {
        if (d.length() != 9 || repeated(d)) {
            return false;
        }
        int sum = Checksums.weightedSum(d, new int[] {9, 8, 7, 6, 5, 4, 3, 2}) - digit(d, 8);
        return sum % 11 == 0 && sum != 0;
    }

    /** Polish PESEL: birth date with the century in the month, weights 1-3-7-9, check digit. */
    static boolean plPesel(String d) {
        if (d.length() != 11) {
            return false;
        }
        int month = number(d, 2, 4);
        int century = switch (month / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        if (!isDate(century + number(d, 0, 2), month % 20, number(d, 4, 6))) {
            return false;
        }
        int sum = Checksums.weightedSum(d, new int[] {1, 3, 7, 9, 1, 3, 7, 9, 1, 3});
        return (10 - sum % 10) % 10 == digit(d, 10);
    }

    /** Swedish personnummer (10 or 12 digits): birth date (day + 60 for coordination numbers) and Luhn. */
    static boolean sePersonnummer(String d) {
        String ten;
        int year;
        if (d.length() == 12) {
            year = number(d, 0, 4);
            if (year < 1870) {
                return false;
            }
            ten = d.substring(2);
        } else if (d.length() == 10) {
            ten = d;
            year = 1900 + number(d, 0, 2);
        } else {
            return false;
        }
        int day = number(ten, 4, 6);
        if (day > 60) {
            day -= 60;
        }
        return isDate(year, number(ten, 2, 4), day) && Checksums.luhn(ten);
    }

    /** Belgian national number: YYMMDD + serial + 97-complement check, for births before and after 2000. */
    static boolean beNationalNumber(String d) {
        if (d.length() != 11) {
            return false;
        }
        int month = number(d, 2, 4);
        int day = number(d, 4, 6);
        boolean unknownDate = month == 0 || day == 0; // issued when the birth date is unknown
        if (!unknownDate && !isDate(2000, month, day)) {
            return false;
        }
        long base = Long.parseLong(d.substring(0, 9));
        int check = number(d, 9, 11);
        return 97 - base % 97 == check || 97 - (2_000_000_000L + base) % 97 == check;
    }

    /**
     * French NIR (social security number), 15 characters: sex, year, month, department (2A/2B for Corsica),
     * commune, order and a 97-complement key.
     */
    static boolean frNir(String s) {
        if (s.length() != 15) {
            return false;
        }
        char sex = s.charAt(0);
        if (sex != '1' && sex != '2' && sex != '3' && sex != '4' && sex != '7' && sex != '8') {
            return false;
        }
        String body = s.substring(0, 13).replace("2A", "19").replace("2B", "18");
        if (!Checksums.allDigits(body) || !Checksums.allDigits(s.substring(13))) {
            return false;
        }
        int month = number(body, 3, 5);
        boolean monthOk = (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
        long key = 97 - Long.parseLong(body) % 97;
        return monthOk && key == number(s, 13, 15);
    }

    private static boolean repeated(String d) {
        for (int i = 1; i < d.length(); i++) {
            if (d.charAt(i) != d.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
