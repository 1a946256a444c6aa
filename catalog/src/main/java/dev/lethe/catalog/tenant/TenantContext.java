package dev.lethe.catalog.tenant;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant the current thread acts for. The application's data source hands it to PostgreSQL
 * ({@code lethe.tenant_id}) on every connection it lends, and row-level security shows only that
 * tenant's rows; with no tenant, tenant tables show nothing. Set by the API-key filter for a
 * request, and by background work around each tenant's share of it.
 */
public final class TenantContext {

    /** What a thread acts as: one tenant, or the platform for the few operations across tenants. */
    public record Scope(UUID tenantId, boolean platform) {}

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /** The current scope, or null outside any. */
    public static Scope current() {
        return CURRENT.get();
    }

    public static <T> T callAs(UUID tenantId, Supplier<T> work) {
        return within(new Scope(Objects.requireNonNull(tenantId, "tenantId"), false), work);
    }

    public static void runAs(UUID tenantId, Runnable work) {
        callAs(tenantId, () -> {
            work.run();
            return null;
        });
    }

    /** For operations that span tenants by design (KEK rotation of every tenant's keys). */
    public static <T> T callAsPlatform(Supplier<T> work) {
        return within(new Scope(null, true), work);
    }

    private static <T> T within(Scope scope, Supplier<T> work) {
        Scope previous = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
