package dev.lethe.ui.security;

import dev.lethe.ui.signin.SignInAudit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/** Records a person's sign-out in their tenant's audit trail. */
final class SignOutAudit implements LogoutHandler {

    private final SignInAudit audit;

    SignOutAudit(SignInAudit audit) {
        this.audit = audit;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication instanceof UserAuthentication person) {
            audit.own(person.tenantId(), person.userId(), "user.signed_out", Map.of());
        }
    }
}
