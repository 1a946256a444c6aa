package dev.lethe.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request whose path or query parameters hold control characters (a NUL, which
 * PostgreSQL refuses in text and so used to surface as a {@code 500}; terminal escapes) or the
 * text-direction overrides that make a value read differently than it is: {@code 400} before any
 * controller or query sees it. Tab and line breaks are allowed. JSON bodies are checked where their
 * names are read ({@code Require.text}).
 */
final class HiddenCharactersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hidden(request.getRequestURI())
                || hiddenInQuery(request.getQueryString() == null ? Map.of() : request.getParameterMap())) {
            ProblemResponses.write(
                    response,
                    400,
                    "Bad Request",
                    "The path or a parameter contains control or text-direction characters.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hiddenInQuery(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (hidden(parameter.getKey())) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (hidden(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hidden(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }
}
