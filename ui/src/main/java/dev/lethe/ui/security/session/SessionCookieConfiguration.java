package dev.lethe.ui.security.session;

import dev.lethe.ui.signin.SignInProperties;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.Sealing;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Signed session cookies. Replacing Spring Session's resolver also replaces Spring Boot's cookie
 * serializer, so the {@code server.servlet.session.cookie.*} settings are applied here.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    @Bean
    SessionCookieKeys sessionCookieKeys(DSLContext dsl, Kms kms, SignInProperties signIn) {
        return new SessionCookieKeys(
                dsl,
                new Sealing(kms, SessionCookieKeys.SEALING_LABEL),
                signIn.sessionKeyLifetime(),
                signIn.absoluteTimeout(),
                Clock.systemUTC());
    }

    @Bean
    HttpSessionIdResolver signedSessionIdResolver(ServerProperties server, SessionCookieKeys keys) {
        return new SignedSessionIdResolver(
                cookieSerializer(server.getServlet().getSession().getCookie()), keys);
    }

    private static DefaultCookieSerializer cookieSerializer(Cookie cookie) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        if (cookie.getName() != null) {
            serializer.setCookieName(cookie.getName());
        }
        if (cookie.getDomain() != null) {
            serializer.setDomainName(cookie.getDomain());
        }
        if (cookie.getPath() != null) {
            serializer.setCookiePath(cookie.getPath());
        }
        if (cookie.getHttpOnly() != null) {
            serializer.setUseHttpOnlyCookie(cookie.getHttpOnly());
        }
        if (cookie.getSecure() != null) {
            serializer.setUseSecureCookie(cookie.getSecure());
        }
        if (cookie.getMaxAge() != null) {
            serializer.setCookieMaxAge((int) cookie.getMaxAge().toSeconds());
        }
        if (cookie.getSameSite() != null) {
            serializer.setSameSite(cookie.getSameSite().attributeValue());
        }
        if (cookie.getPartitioned() != null) {
            serializer.setPartitioned(cookie.getPartitioned());
        }
        return serializer;
    }
}
