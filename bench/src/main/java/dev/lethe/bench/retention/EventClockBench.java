package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.Machine;
import dev.lethe.bench.connectors.PostgresServer;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.ActiveSubjects;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an EVENT clock (the subject's last activity) costs on PostgreSQL, through the connector as a run calls
 * it: a {@code --rows} table of visits ({@code customer_id}, {@code seen_at}), ten per customer; the first half
 * of the customers visited only before the cutoff, the others also once after it. Measured, one after another:
 * the activity scan (the identities of the customers active since the cutoff, each keyed-hashed with
 * HMAC-SHA256 as Lethe's {@code IdentityHashes} does), the preview, and the purge (batches of 10,000, no
 * pause), which walks every visit before the cutoff by primary key and deletes the inactive customers' ones.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.lethe.bench.retention.EventClockBench 2000000
 * </pre>
 */
public final class EventClockBench {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String DATABASE = "bench_event_clock";
    private static final Map<String, String> IDENTITIES = Map.of("customer_id", "customer_id");

    private EventClockBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long customers = rows / 10;
        System.out.println(Machine.describe() + "; load " + Machine.loadAverage());
        try (PostgresServer server = PostgresServer.start(Map.of("shared_buffers", "512MB"))) {
            long start = System.nanoTime();
            server.createDatabase(DATABASE);
            // Visit v of customer c (v = 0..9) is c's v-th, a day apart, all before the cutoff; customers in
            // the second half have their last visit after it.
            server.execute(
                    DATABASE,
                    "create table visits (id bigint not null, customer_id bigint not null, page text,"
                            + " seen_at timestamptz not null)",
                    ("insert into visits select i, 1 + (i - 1) % CUSTOMERS, '/products/' || (i % 5000),"
                                    + " case when (i - 1) / CUSTOMERS = 9 and 1 + (i - 1) % CUSTOMERS > CUSTOMERS / 2"
                                    + " then timestamptz 'CUTOFF' + interval '1 day'"
                                    + " else timestamptz 'CUTOFF' - ((i - 1) / CUSTOMERS + 1) * interval '1 day' end"
                                    + " from generate_series(1::bigint, ROWS) i")
                            .replace("CUSTOMERS", Long.toString(customers))
                            .replace("CUTOFF", EventTable.CUTOFF.toString())
                            .replace("ROWS", Long.toString(rows)),
                    "alter table visits add primary key (id)",
                    "create index visits_customer on visits (customer_id)",
                    "create index visits_seen_at on visits (seen_at)",
                    "vacuum analyze visits");
            System.out.printf("loaded %,d visits of %,d customers in %.0f s%n", rows, customers, seconds(start));

            var runtime = new ConnectorRuntime(
                    OutboundGuard.fromSetting(PostgresServer.HOST + ":" + server.port()), PiiClassifier.create());
            var type = new PostgresConnectorType();
            try (Connector connector = type.open(type.configure(server.connectionSettings(DATABASE)), runtime)) {
                Purging purging = (Purging) connector;
                OperationContext context = OperationContext.of(TENANT, "event-clock-bench");
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));

                start = System.nanoTime();
                Set<String> active = new HashSet<>();
                purging.activeIdentities(
                        context,
                        new Purging.ActivityScan("public.visits", "seen_at", EventTable.CUTOFF, IDENTITIES, 10_000),
                        (type1, value) -> active.add(hash(mac, type1, value)));
                double scan = seconds(start);
                System.out.printf(
                        "activity scan: %,d active identities in %.1f s (%,.0f/s)%n",
                        active.size(), scan, active.size() / scan);

                Purge purge = new Purge("public.visits", "seen_at", EventTable.CUTOFF, 10_000, List.of())
                        .withActive(new ActiveSubjects(
                                IDENTITIES, (type1, value) -> active.contains(hash(mac, type1, value))));
                start = System.nanoTime();
                PurgePreview preview = purging.preview(context, purge);
                double previewed = seconds(start);
                System.out.printf("preview: %,d records in %.1f s%n", preview.records(), previewed);

                start = System.nanoTime();
                PurgeResult result = purging.purge(context, purge);
                double purged = seconds(start);
                long walked = rows - customers / 2;
                System.out.printf(
                        "purge: %,d records deleted in %,d batches in %.1f s = %,.0f deleted/s; %,d old visits"
                                + " walked = %,.0f walked/s%n",
                        result.records(), result.batches(), purged, result.records() / purged, walked, walked / purged);
                String left = server.query(
                        DATABASE,
                        "select count(*) || ' left, ' || count(*) filter (where customer_id <= " + customers / 2
                                + ") || ' of inactive customers' from visits");
                System.out.println(left);
                long expected = customers / 2 * 10;
                if (result.records() != expected || preview.records() != expected) {
                    throw new IllegalStateException(
                            "expected " + expected + " deleted, got " + result + " / " + preview);
                }
            }
        }
        System.out.println("load " + Machine.loadAverage());
    }

    private static String hash(Mac mac, String type, String value) {
        try {
            Mac own = (Mac) mac.clone();
            return HexFormat.of().formatHex(own.doFinal((type + ":" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
