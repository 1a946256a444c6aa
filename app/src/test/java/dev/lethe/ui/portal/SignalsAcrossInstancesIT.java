package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.limits.PostgresRateLimiter;
import dev.lethe.ui.signals.AddressHashes;
import dev.lethe.ui.signals.SecuritySignals;
import dev.lethe.ui.signals.SignInFailures;
import dev.lethe.ui.signals.SignalBursts;
import dev.lethe.ui.signals.SignalsProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two instances behind a load balancer, each with its own signals and rate limiter over the one
 * PostgreSQL: a burst they share between them is one burst (in the portal's package because its signals are
 * package-private).
 */
class SignalsAcrossInstancesIT extends AppIntegrationTest {

    private static final PortalAbuseProperties.Signals THRESHOLDS =
            new PortalAbuseProperties.Signals(10, 4, 4, 3, Duration.ofMinutes(15));

    @Autowired
    Tenants tenants;

    @Autowired
    SecuritySignals securitySignals;

    @Autowired
    AddressHashes addresses;

    @Autowired
    DSLContext dsl;

    @Autowired
    AuditTrail trail;

    @Autowired
    SignalsProperties properties;

    @Test
    void failedCodesSpreadOverTwoInstancesRaiseOneSignalAtTheThreshold() {
        Tenant tenant = tenants.create(UniqueNames.of("portal-signals"), "Portal signals across instances");
        PortalSignals one = instance();
        PortalSignals two = instance();
        String address = someAddress();

        one.codeFailed(tenant.id(), address);
        two.codeFailed(tenant.id(), address);
        one.codeFailed(tenant.id(), address);
        assertThat(raised(tenant, "portal-failed-codes")).as("three of four").isEmpty();

        two.codeFailed(tenant.id(), address);
        assertThat(raised(tenant, "portal-failed-codes"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).containsEntry("failedCodes", "4"));

        one.codeFailed(tenant.id(), address);
        two.codeFailed(tenant.id(), address);
        assertThat(raised(tenant, "portal-failed-codes"))
                .as("a burst going on raises no second signal in the window")
                .hasSize(1);
    }

    @Test
    void identitiesAreCountedOnceEachWhicheverInstanceSawThem() {
        Tenant tenant = tenants.create(UniqueNames.of("portal-signals"), "Portal identities across instances");
        PortalSignals one = instance();
        PortalSignals two = instance();
        String address = someAddress();

        one.filedFor(tenant.id(), address, "send-identity:aaaa");
        two.filedFor(tenant.id(), address, "send-identity:aaaa");
        one.filedFor(tenant.id(), address, "send-identity:bbbb");
        two.filedFor(tenant.id(), address, "send-identity:bbbb");
        assertThat(raised(tenant, "portal-identities-address"))
                .as("two identities, each filed for twice")
                .isEmpty();

        two.filedFor(tenant.id(), address, "send-identity:cccc");
        assertThat(raised(tenant, "portal-identities-address")).singleElement().satisfies(entry -> {
            assertThat(entry.details()).containsEntry("identities", "3");
            assertThat(entry.target()).startsWith("address:").doesNotContain(address);
        });
    }

    @Test
    void failedSignInsOnOneAccountSpreadOverTwoInstancesRaiseOneSignal() {
        Tenant tenant = tenants.create(UniqueNames.of("sign-in-signals"), "Sign-in signals across instances");
        UUID account = UUID.randomUUID();
        int threshold = properties.signInFailuresPerAccount();
        SignInFailures one = signIns();
        SignInFailures two = signIns();

        for (int failure = 1; failure < threshold; failure++) {
            (failure % 2 == 0 ? one : two).failed(tenant.id(), account, null);
        }
        assertThat(raised(tenant, "sign-in-failures-account")).isEmpty();

        one.failed(tenant.id(), account, null);
        assertThat(raised(tenant, "sign-in-failures-account"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.target()).isEqualTo("user:" + account));
    }

    private SignInFailures signIns() {
        return new SignInFailures(
                securitySignals, addresses, new SignalBursts(new PostgresRateLimiter(dsl)), properties);
    }

    private PortalSignals instance() {
        return new PortalSignals(
                securitySignals, addresses, new SignalBursts(new PostgresRateLimiter(dsl)), THRESHOLDS);
    }

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    private List<AuditEntry> raised(Tenant tenant, String type) {
        return as(
                        tenant.id(),
                        () -> trail.page(
                                tenant.id(), new AuditQuery(null, null, null, "security.signal", null, null, 100)))
                .stream()
                .filter(entry -> type.equals(entry.details().get("type")))
                .toList();
    }
}
