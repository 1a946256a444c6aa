package dev.lethe.bench.catalog;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Sustained audit append throughput on a real PostgreSQL (embedded, from the zonky binaries): one
 * writer appending to one tenant's chain (the worst case: appends to one chain are serialised),
 * with a signed checkpoint every 100 entries; and, in the same run, the baseline of the same rows
 * written by plain single-row INSERT transactions without the chain. Run:
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.lethe.bench.catalog.AuditAppendBench [entries]</pre>
 */
public final class AuditAppendBench {

    private AuditAppendBench() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            DSLContext dsl = DSL.using(postgres.getPostgresDatabase(), SQLDialect.POSTGRES);
            UUID tenant = UUID.fromString("00000000-0000-0000-0000-000000000001");
            var signer = new JdkSigner();
            dsl.execute(
                    "insert into audit_signing_key (key_id, public_key, wrapped_private_key, kek_version) "
                            + "values (?, ?, ?, 0)",
                    signer.keyId(),
                    signer.publicKey(),
                    new byte[0]);
            var trail = new AuditTrail(dsl, signer, 100);

            run("warm-up", entries / 10, i -> trail.append(event(tenant, i)));
            double chained =
                    run("audit append, one entry per transaction", entries, i -> trail.append(event(tenant, i)));
            double batched = run(
                            "audit appendAll, 100 entries per transaction",
                            entries / 100,
                            i -> trail.appendAll(java.util.stream.IntStream.range(0, 100)
                                    .mapToObj(j -> event(tenant, j))
                                    .toList()))
                    * 100;
            System.out.printf("= %.0f entries/s batched%n", batched);
            dsl.execute("create table plain_entry (seq bigint primary key, action text, target text, details jsonb)");
            double plain = run(
                    "baseline: plain insert",
                    entries,
                    i -> dsl.transaction(tx -> DSL.using(tx)
                            .execute(
                                    "insert into plain_entry values (?, 'bench.append', ?, '{\"n\":\"1\"}'::jsonb)",
                                    (long) i,
                                    "target:" + i)));
            System.out.printf("chain verify: %s%n", timed(() -> trail.verify(tenant)));
            System.out.printf("ratio chained/plain: %.2f%n", chained / plain);
        }
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static double run(String name, int count, Step step) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            step.run(i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = count / seconds;
        System.out.printf("%s: %d in %.2f s = %.0f/s%n", name, count, seconds, perSecond);
        return perSecond;
    }

    private static String timed(java.util.function.Supplier<Object> work) {
        long start = System.nanoTime();
        Object result = work.get();
        return String.format("%.2f s, %s", (System.nanoTime() - start) / 1e9, result);
    }

    private static AuditEvent event(UUID tenant, int i) {
        return new AuditEvent(tenant, Actor.system("bench"), "bench.append", "target:" + i, Map.of("n", "1"));
    }

    /** An in-memory Ed25519 key: the application's is the same algorithm, only stored under the KMS. */
    private static final class JdkSigner implements CheckpointSigner {
        private final KeyPair pair;

        JdkSigner() throws GeneralSecurityException {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }

        byte[] publicKey() {
            return pair.getPublic().getEncoded();
        }

        @Override
        public String keyId() {
            return "bench";
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(pair.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
