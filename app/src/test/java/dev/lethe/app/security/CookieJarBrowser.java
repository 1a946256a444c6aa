package dev.lethe.app.security;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser at the HTTP level for single sign-on tests: a cookie jar per host, no redirects followed (so
 * a test sees and can alter each one). Not the JDK's CookieManager: it never sends a {@code Secure}
 * cookie over http, while browsers do to loopback, and Keycloak marks its session cookies so.
 */
final class CookieJarBrowser {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        Map<String, String> jar = cookies.computeIfAbsent(built.uri().getHost(), host -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
            built = request.build();
        }
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }
}
