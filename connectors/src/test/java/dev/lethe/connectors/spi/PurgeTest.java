package dev.lethe.connectors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.spi.Purging.Pace;
import dev.lethe.connectors.spi.Purging.Purge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurgeTest {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void theFiveArgumentPurgeHasNoHoldsAndNoPace() {
        var purge = new Purge("public.orders", "created_at", CUTOFF, 1000, List.of());

        assertThat(purge.held()).isSameAs(HeldSubjects.NONE);
        assertThat(purge.pace()).isEqualTo(Pace.UNPACED);
        assertThat(purge.held().any()).isFalse();
        assertThat(purge.pace().paced()).isFalse();
    }

    @Test
    void hashAndTokenizeAreInPlaceStrategiesButRedactionIsNot() {
        var hash = ErasureRule.field("public.orders", "email", ErasureStrategy.HASH, "contact.email");
        var tokenize = ErasureRule.field("public.orders", "email", ErasureStrategy.TOKENIZE, "contact.email");
        assertThat(new Purge("public.orders", "created_at", CUTOFF, 10, List.of(hash)).tokenizes())
                .isFalse();
        assertThat(new Purge("public.orders", "created_at", CUTOFF, 10, List.of(tokenize)).tokenizes())
                .isTrue();

        var redact = ErasureRule.field("public.orders", "note", ErasureStrategy.REDACT_TEXT, null);
        assertThatThrownBy(() -> new Purge("public.orders", "created_at", CUTOFF, 10, List.of(redact)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NULL, MASK, HASH or TOKENIZE");
        var otherDataset = ErasureRule.field("public.customers", "email", ErasureStrategy.NULL, null);
        assertThatThrownBy(() -> new Purge("public.orders", "created_at", CUTOFF, 10, List.of(otherDataset)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventClocksPurgeReadsEachRecordAndKeepsItsActiveSubjectsThroughEveryChange() {
        var active = new ActiveSubjects(Map.of("email", "email"), (type, value) -> value.equals("ann@example.org"));
        var purge = new Purge("public.visits", "seen_at", CUTOFF, 10, List.of()).withActive(active);

        assertThat(new Purge("public.visits", "seen_at", CUTOFF, 10, List.of()).readsEachRecord())
                .isFalse();
        assertThat(purge.readsEachRecord()).isTrue();
        assertThat(purge.withPace(new Pace(Duration.ofMillis(5), 0))
                        .withHeld(HeldSubjects.NONE)
                        .active())
                .isSameAs(active);
        assertThat(active.active(Map.of("email", "ann@example.org"))).isTrue();
        assertThat(active.active(Map.of("email", " "))).isFalse();
        assertThat(active.toString()).doesNotContain("ann");
    }

    @Test
    void anActivityScanNeedsIdentityFieldsAndABoundedBatch() {
        assertThatThrownBy(() -> new Purging.ActivityScan("public.visits", "seen_at", CUTOFF, Map.of(), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new Purging.ActivityScan("public.visits", "seen_at", CUTOFF, Map.of("email", "email"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectorThatCannotTellActivityApartRefusesTheScan() {
        Purging logOnly = new Purging() {
            @Override
            public Purging.PurgeResult purge(OperationContext context, Purge purge) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Purging.PurgePreview preview(OperationContext context, Purge purge) {
                throw new UnsupportedOperationException();
            }
        };

        assertThatThrownBy(() -> logOnly.activeIdentities(
                        OperationContext.of(UUID.randomUUID(), "retention-run"),
                        new Purging.ActivityScan("clicks", "timestamp", CUTOFF, Map.of("email", "email"), 10),
                        (type, value) -> {}))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse());
    }

    @Test
    void eachOperationTokenizesUnderItsOwnSubject() {
        var first = OperationContext.of(UUID.randomUUID(), "retention:task-1");
        var second = OperationContext.of(first.tenant(), "retention:task-2");

        assertThat(Purging.tokenSubject(first)).isEqualTo(Purging.tokenSubject(first));
        assertThat(Purging.tokenSubject(first)).isNotEqualTo(Purging.tokenSubject(second));
    }

    @Test
    void aPaceIsNeverNegative() {
        assertThatThrownBy(() -> new Pace(Duration.ofMillis(-1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pace(Duration.ZERO, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pace(Duration.ZERO, 100).paced()).isTrue();
    }

    @Test
    void heldSubjectsAskOnlyAboutTheirIdentityFieldsAndNeverPrintTheTest() {
        var asked = new java.util.ArrayList<String>();
        var held = new HeldSubjects(Map.of("email", "email"), (type, value) -> {
            asked.add(type + ":" + value);
            return value.equals("held@example.org");
        });

        assertThat(held.any()).isTrue();
        assertThat(held.holds(Map.of("email", "held@example.org", "name", "Ann")))
                .isTrue();
        assertThat(held.holds(Map.of("email", "free@example.org"))).isFalse();
        assertThat(held.holds(Map.of("name", "held@example.org"))).isFalse();
        assertThat(asked).containsExactly("email:held@example.org", "email:free@example.org");
        assertThat(held.toString()).doesNotContain("example.org").contains("email");
        assertThat(new HeldSubjects(Map.of(), (type, value) -> true).any()).isFalse();
    }

    @Test
    void aRateLimitCapsTheBatchAtOneSecondsWorth() {
        var context = OperationContext.of(UUID.randomUUID(), "purge");

        assertThat(new Pacing(new Pace(Duration.ZERO, 2000), context).batchSize(10_000))
                .isEqualTo(2000);
        assertThat(new Pacing(new Pace(Duration.ZERO, 50_000), context).batchSize(10_000))
                .isEqualTo(10_000);
        assertThat(new Pacing(Pace.UNPACED, context).batchSize(10_000)).isEqualTo(10_000);
    }

    @Test
    void aStopRequestEndsAPause() {
        var stopped = new OperationContext(UUID.randomUUID(), "purge", () -> true);
        var pacing = new Pacing(new Pace(Duration.ofDays(1), 0), stopped);

        assertThatThrownBy(() -> pacing.afterBatch(100)).isInstanceOf(OperationStoppedException.class);
    }
}
