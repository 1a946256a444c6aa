package dev.lethe.ui.security.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Spring Session's cookie resolver with a signed value ({@link SessionCookieTag}): a cookie whose tag
 * does not check out names no session, as if it were absent.
 */
final class SignedSessionIdResolver implements HttpSessionIdResolver {

    private static final String WRITTEN = SignedSessionIdResolver.class.getName() + ".written";

    private final CookieSerializer cookies;
    private final SessionCookieKeys keys;

    SignedSessionIdResolver(CookieSerializer cookies, SessionCookieKeys keys) {
        this.cookies = cookies;
        this.keys = keys;
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        return cookies.readCookieValues(request).stream()
                .map(value -> SessionCookieTag.verify(value, keys::verifyingKey))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        if (sessionId.equals(request.getAttribute(WRITTEN))) {
            return;
        }
        request.setAttribute(WRITTEN, sessionId);
        cookies.writeCookieValue(
                new CookieValue(request, response, SessionCookieTag.sign(sessionId, keys.signingKey())));
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        cookies.writeCookieValue(new CookieValue(request, response, ""));
    }
}
