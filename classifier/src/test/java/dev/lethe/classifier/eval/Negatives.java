package dev.lethe.classifier.eval;

import java.util.List;
import java.util.UUID;

/** Look-alikes that are not personal data: ids, timestamps, order and tracking numbers, codes, prices, hashes. */
final class Negatives {

    private final Values v;
    private final OtherValues other;

    Negatives(Values values, OtherValues other) {
        this.v = values;
        this.other = other;
    }

    /** A 16-digit number that fails Luhn, or a Luhn-valid one named as an order number. */
    private String sixteenDigits(boolean failLuhn) {
        String payload = "4" + v.digits(14);
        int check = Values.luhnCheck(payload);
        return payload + (failLuhn ? (check + 1 + v.between(0, 8)) % 10 : check);
    }

    String lookAlike() {
        return switch (v.between(0, 15)) {
            case 0 -> "request " + new UUID(v.between(0, 1 << 30), v.between(0, 1 << 30)) + " failed";
            case 1 ->
                "created "
                        + String.format(
                                "%d-%02d-%02dT%02d:%02d:%02dZ",
                                v.between(2015, 2025),
                                v.between(1, 12),
                                v.between(1, 28),
                                v.between(0, 23),
                                v.between(0, 59),
                                v.between(0, 59))
                        + " by the scheduler";
            case 2 ->
                v.pick(List.of("Order #", "Bestellnummer ", "Commande n° ", "Pedido ", "Ordine ", "Bestelling "))
                        + sixteenDigits(false) + " shipped";
            case 3 -> "number " + Values.group(sixteenDigits(true), 4, " ") + " on the form";
            case 4 -> "ISBN 978-" + v.between(0, 9) + "-" + v.digits(3) + "-" + v.digits(5) + "-" + v.between(0, 9);
            case 5 -> "upgrade to version " + v.between(1, 20) + "." + v.between(0, 30) + "." + v.between(0, 99);
            case 6 -> "sha256 " + other.chars("0123456789abcdef", 64);
            case 7 -> "commit " + other.chars("0123456789abcdef", 40) + " merged";
            case 8 -> "total " + v.between(1, 9999) + "." + v.digits(2) + " EUR, price " + v.between(1, 99) + ".99 USD";
            case 9 -> "product code SKU-" + v.digits(5) + "-" + v.pick(List.of("XL", "M", "S")) + "-BLK";
            case 10 -> "tracking number 1Z" + other.chars("0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 16);
            case 11 -> "invoice INV-" + v.between(2015, 2025) + "-" + v.digits(6) + " paid";
            case 12 -> "Sendungsnummer " + v.digits(12) + " zugestellt";
            case 13 -> "meeting at " + v.between(10, 23) + ":" + v.between(10, 59) + " in room " + v.between(1, 400);
            case 14 ->
                v.pick(List.of("ref ", "Kundennummer ", "ticket ", "Vorgang ", "dossier ", "expediente "))
                        + v.digits(v.between(6, 11)) + " closed";
            default ->
                "build " + v.between(1, 9) + "." + v.between(0, 9) + "." + v.between(0, 9) + "." + v.between(0, 999);
        };
    }

    Sample text() {
        return new Sample(false, lookAlike(), List.of());
    }

    Sample record() {
        String json = "{\"id\":\"" + new UUID(v.between(0, 1 << 30), v.between(0, 1 << 30)) + "\",\"sku\":\"SKU-"
                + v.digits(5) + "\",\"price\":" + v.between(1, 999) + "." + v.digits(2) + ",\"created_at\":\"2024-0"
                + v.between(1, 9) + "-1" + v.between(0, 9) + "T08:00:00Z\",\"version\":\"" + v.between(1, 9) + "."
                + v.between(0, 9) + "." + v.between(0, 9) + "\",\"order_id\":\"" + sixteenDigits(false)
                + "\",\"hash\":\"" + other.chars("0123456789abcdef", 40) + "\",\"quantity\":" + v.between(1, 20)
                + ",\"status\":\"shipped\",\"note\":" + Records.quote(lookAlike()) + "}";
        return new Sample(true, json, List.of());
    }
}
