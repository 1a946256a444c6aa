package dev.lethe.app.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PostgreSQL itself keeps tenants apart, behind the tenant filter of every query. */
class RowLevelSecurityIT extends AppIntegrationTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    Tenants tenants;

    @Autowired
    AuditTrail trail;

    Tenant tenant;

    @BeforeEach
    void tenantWithAnEntry() {
        tenant = tenants.create(UniqueNames.of("rls"), "RLS");
        as(
                tenant.id(),
                () -> trail.append(new AuditEvent(tenant.id(), Actor.system("test"), "test.rls", "t", Map.of())));
    }

    @Test
    void withoutATenantTheApplicationRoleSeesNothingEvenWithoutAFilter() {
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_entry"))).isZero();
        assertThat(trail.page(tenant.id(), new AuditQuery(null, null, null, null, null, null, 10)))
                .isEmpty();
    }

    @Test
    void anotherTenantSeesNoneOfItsRowsEvenWhenAskingForThemByTheirTenantId() {
        Tenant other = tenants.create(UniqueNames.of("rls-other"), "Other");

        int seen = as(
                other.id(), () -> dsl.fetchCount(dsl.selectFrom("audit_entry").where("tenant_id = ?", tenant.id())));

        assertThat(seen).isZero();
        assertThat(as(tenant.id(), () -> dsl.fetchCount(dsl.selectFrom("audit_entry"))))
                .isEqualTo(1);
    }

    @Test
    void noTenantCanWriteRowsForAnother() {
        Tenant other = tenants.create(UniqueNames.of("rls-writer"), "Writer");

        assertThatThrownBy(() -> as(
                        other.id(),
                        () -> trail.append(
                                new AuditEvent(tenant.id(), Actor.system("test"), "test.rls", "forged", Map.of()))))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void theApplicationRoleIsNeitherSuperuserNorOwner() {
        var role = dsl.fetchOne("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");

        assertThat(dsl.fetchValue("select current_user")).isEqualTo("lethe_app");
        assertThat(role.get(0, Boolean.class)).isFalse();
        assertThat(role.get(1, Boolean.class)).isFalse();
    }
}
