package dev.lethe.bench.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic benchmark inputs: JSON records of about 1 KB with a realistic mix of fields (ids,
 * timestamps, amounts, a customer with contact data, an address, a payment, free-text notes) and
 * free-text paragraphs of support-ticket prose in several languages with some personal data in them.
 */
final class Workload {

    private static final String[] GIVEN = {"Anna", "Lukas", "Marie", "Javier", "Giulia", "Daan", "Sophie", "Oliver"};
    private static final String[] FAMILY = {"Schmidt", "Dubois", "García", "Rossi", "de Vries", "Smith", "Müller"};
    private static final String[] IBANS = {
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456"
    };
    private static final String[] PROSE = {
        "The customer reported that the parcel arrived damaged and asked for a replacement or a refund.",
        "Der Kunde hat sich über die lange Lieferzeit beschwert und bittet um einen Rückruf am Nachmittag.",
        "Le client souhaite modifier son adresse de livraison avant l'expédition de la commande.",
        "El cliente pregunta si puede cambiar el método de pago y recibir la factura por correo.",
        "Il cliente chiede informazioni sulla garanzia e sui tempi di consegna del prodotto.",
        "De klant wil het abonnement opzeggen en vraagt om bevestiging per e-mail.",
        "Version 4.2.1 of the app crashed twice during checkout; order 2024-118734 was not affected.",
        "Our agent escalated the ticket to the second level team with priority high on Monday."
    };

    private Workload() {}

    static List<String> records(int count, long seed) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(random, i));
        }
        return records;
    }

    private static String record(Random r, int i) {
        String given = GIVEN[r.nextInt(GIVEN.length)];
        String family = FAMILY[r.nextInt(FAMILY.length)];
        String email = (given + "." + family)
                        .toLowerCase()
                        .replace(" ", "")
                        .replace("ü", "ue")
                        .replace("í", "i") + "@example.org";
        return "{\"id\":\"" + new java.util.UUID(r.nextLong(), r.nextLong()) + "\",\"type\":\"order.created\","
                + "\"created_at\":\"2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:15:30.123Z\","
                + "\"version\":3,\"status\":\"confirmed\",\"channel\":\"web\",\"locale\":\"de-DE\","
                + "\"customer\":{\"customer_id\":" + (100000 + r.nextInt(900000)) + ",\"first_name\":\"" + given
                + "\",\"last_name\":\"" + family + "\",\"email\":\"" + email + "\",\"phone\":\"+49 30 "
                + (1000000 + r.nextInt(8999999)) + "\",\"date_of_birth\":\"19" + (50 + r.nextInt(50)) + "-0"
                + (1 + r.nextInt(9))
                + "-1" + r.nextInt(10) + "\",\"loyalty_tier\":\"gold\"},"
                + "\"shipping_address\":{\"street\":\"Hauptstraße " + (1 + r.nextInt(200)) + "\",\"postal_code\":\""
                + (10000 + r.nextInt(89999)) + "\",\"city\":\"Berlin\",\"country\":\"DE\"},"
                + "\"payment\":{\"method\":\"sepa\",\"iban\":\"" + IBANS[r.nextInt(IBANS.length)]
                + "\",\"amount\":" + r.nextInt(500) + "." + r.nextInt(100) + ",\"currency\":\"EUR\"},"
                + "\"items\":[{\"sku\":\"SKU-" + r.nextInt(99999) + "-XL\",\"name\":\"Trail running shoe\","
                + "\"quantity\":1,\"price\":89.95},{\"sku\":\"SKU-" + r.nextInt(99999)
                + "-M\",\"name\":\"Merino socks\",\"quantity\":2,\"price\":14.5}],"
                + "\"client\":{\"ip\":\"203.0." + r.nextInt(256) + "." + r.nextInt(256) + "\",\"user_agent\":"
                + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\"},"
                + "\"note\":\"" + PROSE[r.nextInt(PROSE.length)] + " Please call " + given + " back.\"}";
    }

    static List<String> paragraphs(int count, long seed) {
        Random random = new Random(seed);
        List<String> paragraphs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 900) {
                int pick = random.nextInt(PROSE.length + 4);
                if (pick < PROSE.length) {
                    sb.append(PROSE[pick]);
                } else {
                    sb.append(personal(random, pick - PROSE.length));
                }
                sb.append(' ');
            }
            paragraphs.add(sb.toString());
        }
        return paragraphs;
    }

    private static String personal(Random r, int kind) {
        String name = GIVEN[r.nextInt(GIVEN.length)] + " " + FAMILY[r.nextInt(FAMILY.length)];
        return switch (kind) {
            case 0 ->
                "You can reach " + name + " at "
                        + name.toLowerCase()
                                .replace(' ', '.')
                                .replace("ü", "ue")
                                .replace("í", "i") + "@example.com or +33 1 42 68 53 " + (10 + r.nextInt(89)) + ".";
            case 1 -> "Refund to IBAN " + IBANS[r.nextInt(IBANS.length)] + " was approved by the finance team.";
            case 2 -> "The login came from 198.51.100." + r.nextInt(256) + " shortly before the password reset.";
            default -> "Card 4111 1111 1111 1111 was declined; the customer will pay on delivery instead.";
        };
    }

    static double averageBytes(List<String> inputs) {
        long bytes = 0;
        for (String s : inputs) {
            bytes += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return (double) bytes / inputs.size();
    }
}
