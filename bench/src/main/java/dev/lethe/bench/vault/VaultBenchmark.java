package dev.lethe.bench.vault;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-thread (per core) tokenization throughput of each kind with a warm key cache, the cost of
 * a cold subject key (create, wrap, store), and as the baseline in the same run the bare Tink
 * AES-SIV encryption that a deterministic token is built on: the ratio is the vault's overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VaultBenchmark {

    private static final String TENANT = "bench";
    private static final String SUBJECT = "cust-42";

    private Vault vault;
    private DeterministicAead bareSiv;
    private final AtomicLong newSubjects = new AtomicLong();

    @Setup
    public void setUp() throws Exception {
        Path keys = Files.createTempDirectory("lethe-bench-kms");
        vault = new VaultBuilder()
                .kms(LocalKms.open(keys.resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build();
        DeterministicAeadConfig.register();
        bareSiv = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedDeterministicAeadParameters.AES256_SIV)
                        .withRandomId()
                        .makePrimary())
                .build()
                .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
        // Warm the subject's and the tenant's keys.
        deterministic();
    }

    @Benchmark
    public String deterministic() {
        return tokenize(SUBJECT, "contact.email", TokenKind.DETERMINISTIC, "ana.lopez@example.com");
    }

    @Benchmark
    public String formatPreservingCard() {
        return tokenize(SUBJECT, "financial.card", TokenKind.FORMAT_PRESERVING, "4111 1111 1111 1111");
    }

    @Benchmark
    public String hash() {
        return tokenize(SUBJECT, "contact.email", TokenKind.HASH, "ana.lopez@example.com");
    }

    @Benchmark
    public String mask() {
        return tokenize(SUBJECT, "contact.email", TokenKind.MASK, "ana.lopez@example.com");
    }

    /** Each call is a subject never seen: its key is created, wrapped by the KMS and stored. */
    @Benchmark
    public String coldSubjectKey() {
        return tokenize(
                "new-" + newSubjects.incrementAndGet(), "contact.email", TokenKind.DETERMINISTIC, "a@example.com");
    }

    /** Baseline: the AES-SIV encryption alone, without keys per subject, cache, encoding or checks. */
    @Benchmark
    public byte[] bareAesSivBaseline() throws Exception {
        return bareSiv.encryptDeterministically(
                "ana.lopez@example.com".getBytes(StandardCharsets.UTF_8),
                "contact.email".getBytes(StandardCharsets.UTF_8));
    }

    private String tokenize(String subject, String category, TokenKind kind, String value) {
        return vault.tokenize(new TokenizeRequest(TENANT, subject, category, kind, value))
                .token();
    }

    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
