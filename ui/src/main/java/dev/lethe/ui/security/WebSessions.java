package dev.lethe.ui.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * People's server-side sessions (Spring Session JDBC, in PostgreSQL): made at sign-in with a fresh
 * id, indexed by the person's principal name ({@code user:<id>}) so that all of their sessions can
 * be ended at once — when they sign out everywhere, change their password (all but the one they changed
 * it in), and when an admin disables them, changes their roles or resets their password.
 */
public final class WebSessions {

    /** When the person signed in: the absolute time-out counts from here. */
    public static final String SIGNED_IN_AT = "lethe.signedInAt";

    private final SecurityContextRepository contexts;
    private final FindByIndexNameSessionRepository<?> sessions;

    public WebSessions(SecurityContextRepository contexts, FindByIndexNameSessionRepository<?> sessions) {
        this.contexts = contexts;
        this.sessions = sessions;
    }

    /** Makes the request's session that of this signed-in person, under a new session id. */
    public void establish(HttpServletRequest request, HttpServletResponse response, UserAuthentication person) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(
                FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                UserAuthentication.principalName(person.userId()));
        session.setAttribute(SIGNED_IN_AT, Instant.now());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(person);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /**
     * Ends every session of the person but the request's own, which goes on under a new id (after a change
     * of password: whoever held another session is out, the person who changed it is not); returns how
     * many ended.
     */
    public int endOthers(HttpServletRequest request, UUID userId) {
        HttpSession own = request.getSession(false);
        String keep = own == null ? null : own.getId();
        Set<String> ids = sessions.findByPrincipalName(UserAuthentication.principalName(userId))
                .keySet();
        int ended = 0;
        for (String id : ids) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        if (own != null) {
            request.changeSessionId();
        }
        return ended;
    }

    /** Ends every session of the person; returns how many there were. */
    public int endAll(UUID userId) {
        Set<String> ids = sessions.findByPrincipalName(UserAuthentication.principalName(userId))
                .keySet();
        ids.forEach(sessions::deleteById);
        return ids.size();
    }
}
