package dev.lethe.ui.security;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.guard.OutboundRefusedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP for the identity provider's discovery document, signing keys and endpoints, through the
 * outbound guard ({@code lethe.connectors.allowed-targets}): only {@code http} and {@code https}
 * URLs, to public addresses or allowed targets, redirects not followed (a redirect could lead past
 * the guard). The provider's URLs come from configuration and its discovery document; each request
 * is checked before it is sent.
 */
public final class GuardedHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GuardedHttp() {}

    /** A client whose every request is checked by the guard first. */
    public static RestTemplate restTemplate(OutboundGuard guard) {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(TIMEOUT);
        RestTemplate rest = new RestTemplate(factory);
        rest.getInterceptors().add((request, body, execution) -> {
            check(guard, request.getURI());
            return execution.execute(request, body);
        });
        return rest;
    }

    /**
     * @throws OutboundRefusedException when the URL is not {@code http(s)} or its host is not public and
     *     not allowed
     */
    public static void check(OutboundGuard guard, URI url) {
        guard.checkHttp(url);
    }
}
