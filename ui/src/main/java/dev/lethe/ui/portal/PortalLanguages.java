package dev.lethe.ui.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The languages the portal speaks (English, German, French; messages_*.properties). A person's choice
 * ({@code ?lang=de}) is kept in a cookie; without one the browser's preferred supported language wins,
 * and English when it names none of them.
 */
final class PortalLanguages {

    static final List<String> SUPPORTED = List.of("en", "de", "fr");
    static final String COOKIE = "lethe-lang";

    private PortalLanguages() {}

    static LocaleResolver resolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(PortalLanguages::preferred);
        return resolver;
    }

    /** The first supported language among the browser's, else English. */
    static Locale preferred(HttpServletRequest request) {
        for (Locale locale : Collections.list(request.getLocales())) {
            if (SUPPORTED.contains(locale.getLanguage())) {
                return Locale.of(locale.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }

    /** Applies {@code ?lang=} when it names a supported language; anything else is ignored. */
    static final class Switch implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String lang = request.getParameter("lang");
            if (lang != null && SUPPORTED.contains(lang)) {
                LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
                if (resolver != null) {
                    resolver.setLocale(request, response, Locale.of(lang));
                }
            }
            return true;
        }
    }
}
