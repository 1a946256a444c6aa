package dev.lethe.ui.vault;

import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.PermissionDeniedException;
import dev.lethe.vault.SubjectErasedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code lethe.vault.calls} (timer per call) and {@code lethe.vault.tokens} (counter of tokens handled),
 * tagged by {@code operation} and {@code outcome} ({@code ok}, {@code invalid}, {@code denied},
 * {@code erased}, {@code error}). Tags never carry tenants, categories or anything from a request body.
 */
@Component
class VaultMetrics {

    private final MeterRegistry registry;

    VaultMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T record(String operation, int tokens, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (InvalidInputException e) {
            outcome = "invalid";
            throw e;
        } catch (PermissionDeniedException e) {
            outcome = "denied";
            throw e;
        } catch (SubjectErasedException e) {
            outcome = "erased";
            throw e;
        } finally {
            Timer.builder("lethe.vault.calls")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            Counter.builder("lethe.vault.tokens")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(tokens);
        }
    }
}
