package dev.lethe.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class UserAuthenticationTest {

    private final UUID tenant = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void aPersonReadsAndWritesAndAnAdminAlsoAdministers() {
        var officer = new UserAuthentication(tenant, user, Set.of(Role.PRIVACY_OFFICER));
        var admin = new UserAuthentication(tenant, user, Set.of(Role.ADMIN));

        assertThat(officer.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
        assertThat(admin.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE, Scope.ADMIN);
        assertThat(officer.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_PRIVACY_OFFICER", "SCOPE_read", "SCOPE_write");
        assertThat(officer.actor()).isEqualTo(Actor.user(user.toString()));
        assertThat(officer.getName()).isEqualTo(UserAuthentication.principalName(user));
        assertThat(officer.isAuthenticated()).isTrue();
    }

    @Test
    void survivesJavaSerializationAsSpringSessionJdbcStoresIt() throws IOException, ClassNotFoundException {
        var original = new UserAuthentication(tenant, user, Set.of(Role.ADMIN, Role.AUDITOR));

        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        Object read;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOf(UserAuthentication.class);
        var copy = (UserAuthentication) read;
        assertThat(copy.tenantId()).isEqualTo(tenant);
        assertThat(copy.userId()).isEqualTo(user);
        assertThat(copy.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.AUDITOR);
        assertThat(copy.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE, Scope.ADMIN);
        assertThat(copy.actor()).isEqualTo(original.actor());
        assertThat(copy.isAuthenticated()).isTrue();
    }
}
