package dev.lethe.bench.ingest;

import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.vault.TokenKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * Order events of about 1 KB with personal data in seven fields (name, e-mail, phone, date of birth,
 * address, card, IBAN) plus a client IP and a note that names the customer, for {@link #SUBJECTS}
 * customers; deterministic for a seed.
 */
final class IngestWorkload {

    /**
     * 20,000 by default: a subject rarely has two records in one batch. {@code -Dlethe.bench.subjects=N}
     * makes them repeat (as a customer's events cluster in a session), where one locator document per
     * subject and batch locates several records.
     */
    static final int SUBJECTS = Integer.getInteger("lethe.bench.subjects", 20_000);

    static final String SUBJECT_PATH = "$.customer.id";

    /** Contact data and names tokenized deterministically, cards format-preserving, the rest redacted. */
    static final ProtectionPolicy POLICY = new ProtectionPolicy(
            Map.of(
                    "contact", TokenKind.DETERMINISTIC,
                    "identity.name", TokenKind.DETERMINISTIC,
                    "financial.card", TokenKind.FORMAT_PRESERVING,
                    "financial.bank_account", TokenKind.DETERMINISTIC),
            TokenKind.REDACT);

    private static final String[] GIVEN = {"Anna", "Lukas", "Marie", "Javier", "Giulia", "Daan", "Sophie", "Oliver"};
    private static final String[] FAMILY = {"Schmidt", "Dubois", "Garcia", "Rossi", "de Vries", "Smith", "Meyer"};
    private static final String[] IBANS = {
        "DE89370400440532013000", "FR1420041010050500013M02606", "NL91ABNA0417164300", "ES9121000418450200051332"
    };
    private static final String[] CARDS = {"4111 1111 1111 1111", "5500 0000 0000 0004", "3400 0000 0000 009"};

    private final Random random;

    IngestWorkload(long seed) {
        this.random = new Random(seed);
    }

    byte[] next(long sequence) {
        Random r = random;
        int subject = r.nextInt(SUBJECTS);
        String given = GIVEN[subject % GIVEN.length];
        String family = FAMILY[subject % FAMILY.length];
        String email = (given + "." + family + subject).toLowerCase().replace(" ", "") + "@example.org";
        String json = "{\"event_id\":\"evt-" + sequence + "\",\"type\":\"order.created\","
                + "\"created_at\":\"2026-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:15:30.123Z\","
                + "\"version\":3,\"status\":\"confirmed\",\"channel\":\"web\",\"locale\":\"de-DE\","
                + "\"customer\":{\"id\":\"cust-" + subject + "\",\"first_name\":\"" + given + "\",\"last_name\":\""
                + family + "\",\"email\":\"" + email + "\",\"phone\":\"+49 30 " + (1_000_000 + subject * 7) + "\","
                + "\"date_of_birth\":\"19" + (50 + subject % 50) + "-0" + (1 + subject % 9) + "-1" + subject % 10
                + "\",\"loyalty_tier\":\"gold\"},"
                + "\"shipping_address\":{\"street\":\"Hauptstrasse " + (1 + subject % 200) + "\",\"postal_code\":\""
                + (10_000 + subject % 89_999) + "\",\"city\":\"Berlin\",\"country\":\"DE\"},"
                + "\"payment\":{\"method\":\"card\",\"card_number\":\"" + CARDS[subject % CARDS.length]
                + "\",\"iban\":\"" + IBANS[subject % IBANS.length] + "\",\"amount\":" + r.nextInt(500) + "."
                + r.nextInt(100) + ",\"currency\":\"EUR\"},"
                + "\"items\":[{\"sku\":\"SKU-" + r.nextInt(99_999) + "-XL\",\"name\":\"Trail running shoe\","
                + "\"quantity\":1,\"price\":89.95},{\"sku\":\"SKU-" + r.nextInt(99_999)
                + "-M\",\"name\":\"Merino socks\",\"quantity\":2,\"price\":14.5}],"
                + "\"client\":{\"ip\":\"203.0." + r.nextInt(256) + "." + r.nextInt(256) + "\",\"user_agent\":"
                + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\"},"
                + "\"note\":\"Parcel left with the neighbour, please call " + given + " " + family + " back.\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] key(long sequence) {
        return ("order-" + sequence).getBytes(StandardCharsets.UTF_8);
    }
}
