package dev.lethe.ui.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Token buckets in PostgreSQL ({@code rate_limit_bucket}, V27), shared by every instance on the
 * database. Each take is one atomic upsert: the refill since the last take, the cap and the take are
 * computed by PostgreSQL on the row it holds locked, with the database's clock, so concurrent takes
 * from any number of instances never hand out more than the bucket holds. Names are keyed by the
 * database's {@code rate_limit_secret}, so every instance names a client's bucket alike. Buckets that
 * are full again are deleted, at most once a minute. Thread-safe.
 */
public final class PostgresRateLimiter implements RateLimiter {

    /** {0} bucket, {1} capacity, {2} tokens per second, {3} period in seconds. */
    private static final String TAKE = """
            insert into rate_limit_bucket as b (bucket, tokens, granted, updated_at, full_at)
            values ({0}, {1} - 1, true, now(), now() + make_interval(secs => {3}))
            on conflict (bucket) do update
            set granted = least({1}, b.tokens + extract(epoch from now() - b.updated_at) * {2}) >= 0.999999999,
                tokens = least({1}, b.tokens + extract(epoch from now() - b.updated_at) * {2})
                    - case when least({1}, b.tokens + extract(epoch from now() - b.updated_at) * {2}) >= 0.999999999
                           then 1 else 0 end,
                updated_at = now(),
                full_at = now() + make_interval(secs => {3})
            returning tokens, granted
            """;

    /** {0} bucket, {1} capacity, {2} tokens per second. */
    private static final String AVAILABLE = """
            select least({1}, b.tokens + extract(epoch from now() - b.updated_at) * {2}) as tokens
            from rate_limit_bucket b where b.bucket = {0}
            """;

    private static final long PRUNE_EVERY = Duration.ofMinutes(1).toNanos();

    private final DSLContext dsl;
    private final AtomicLong lastPrune = new AtomicLong(System.nanoTime());
    private volatile BucketNames names;

    public PostgresRateLimiter(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public String bucket(String kind, String value) {
        return names().name(kind, value);
    }

    @Override
    public void take(String bucket, RateLimit limit) {
        double perSecond = limit.perSecond();
        Record2<Double, Boolean> row = dsl.resultQuery(
                        TAKE,
                        DSL.val(bucket, SQLDataType.VARCHAR),
                        DSL.val(limit.capacity(), SQLDataType.INTEGER),
                        DSL.val(perSecond, SQLDataType.DOUBLE),
                        DSL.val(limit.period().toNanos() / 1e9, SQLDataType.DOUBLE))
                .coerce(DSL.field("tokens", SQLDataType.DOUBLE), DSL.field("granted", SQLDataType.BOOLEAN))
                .fetchSingle();
        pruneNowAndThen();
        if (!row.value2()) {
            double seconds = (1 - row.value1()) / perSecond;
            throw new RateLimitExceeded(RateLimiter.kindOf(bucket), Duration.ofNanos((long) Math.ceil(seconds * 1e9)));
        }
    }

    @Override
    public double available(String bucket, RateLimit limit) {
        Double tokens = dsl.resultQuery(
                        AVAILABLE,
                        DSL.val(bucket, SQLDataType.VARCHAR),
                        DSL.val(limit.capacity(), SQLDataType.INTEGER),
                        DSL.val(limit.perSecond(), SQLDataType.DOUBLE))
                .coerce(DSL.field("tokens", SQLDataType.DOUBLE))
                .fetchOptional()
                .map(row -> row.value1())
                .orElse(null);
        return tokens == null ? limit.capacity() : tokens;
    }

    private void pruneNowAndThen() {
        long now = System.nanoTime();
        long last = lastPrune.get();
        if (now - last > PRUNE_EVERY && lastPrune.compareAndSet(last, now)) {
            dsl.execute("delete from rate_limit_bucket where full_at < now()");
        }
    }

    private BucketNames names() {
        BucketNames known = names;
        if (known == null) {
            byte[] secret = dsl.resultQuery("select secret from rate_limit_secret where id = 1")
                    .coerce(DSL.field("secret", SQLDataType.BLOB))
                    .fetchSingle()
                    .value1();
            known = new BucketNames(secret);
            names = known;
        }
        return known;
    }
}
