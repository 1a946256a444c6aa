package dev.lethe.connectors.webhook;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gets one signed request to the service: through the guard to the checked address, retrying what
 * may work later with backoff, and classifying the rest once. Messages name host and port only (a
 * URL's path or query may carry a credential) and never the secret.
 */
final class WebhookDelivery {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private final WebhookConnectorConfig config;
    private final OutboundGuard guard;
    private final Backoff backoff;
    private final Clock clock;

    WebhookDelivery(WebhookConnectorConfig config, OutboundGuard guard, Backoff backoff, Clock clock) {
        this.config = config;
        this.guard = guard;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** The checked address of the URL's host. */
    GuardedTarget target() {
        return guard.check(config.url());
    }

    /**
     * Sends until a final answer: 2xx is returned; 3xx and 4xx (but 408, 425, 429) are fatal at once;
     * timeouts, failed connections, 408, 425, 429 and 5xx are retried with backoff (or as long as
     * {@code Retry-After} says) until the attempts run out, then retriable.
     *
     * @param key the idempotency key, the same on every attempt
     */
    PinnedHttp.Response send(OperationContext context, String verb, ObjectNode body, String key) {
        GuardedTarget target;
        try {
            target = target();
        } catch (OutboundRefusedException e) {
            throw ConnectorException.fatal(e.getMessage(), null);
        }
        String last = null;
        Exception lastCause = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            context.checkpoint();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                PinnedHttp.Response response = sendOnce(target, body, key);
                int status = response.status();
                if (status / 100 == 2) {
                    return response;
                }
                if (!retriable(status)) {
                    throw ConnectorException.fatal(
                            "the service at " + where() + " refused " + verb + ": " + status + hint(status), null);
                }
                last = "answered " + status;
                lastCause = null;
                retryAfter = Backoff.retryAfter(response.header("Retry-After"));
            } catch (SSLHandshakeException e) {
                // An untrusted certificate or no protocol in common: trying again will not help.
                throw ConnectorException.fatal(
                        "TLS with " + where() + " failed: the certificate is not trusted for "
                                + config.url().getHost() + ", or there is no protocol in common",
                        e);
            } catch (IOException e) {
                last = failure(e);
                lastCause = e;
            }
            if (attempt < config.maxAttempts()) {
                pause(context, backoff.after(attempt, retryAfter));
            }
        }
        throw ConnectorException.retriable(
                verb + " at " + where() + " failed after " + config.maxAttempts() + " attempts; last: " + last,
                lastCause);
    }

    /** One signed POST, freshly timestamped. */
    PinnedHttp.Response sendOnce(GuardedTarget target, ObjectNode body, String key) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "Accept",
                "application/json",
                "User-Agent",
                "Lethe-Webhook/1",
                "Lethe-Request-Id",
                key,
                WebhookSignature.HEADER,
                WebhookSignature.sign(config.signingSecret(), clock.instant(), bytes));
        return PinnedHttp.post(target, config.url(), headers, bytes, config.timeout());
    }

    /** Why a status is what it is, for people. */
    static String hint(int status) {
        if (status / 100 == 3) {
            return " (a redirect, which is not followed: set the url to where it leads)";
        }
        if (status == 401 || status == 403) {
            return " (does the service check the signature with the same signing secret?)";
        }
        return "";
    }

    /** What went wrong on the wire, without the URL's path or anything the service said. */
    String failure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + config.timeout().toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "could not connect to " + where();
        }
        return "the exchange with " + where() + " failed (" + e.getClass().getSimpleName() + ")";
    }

    private static boolean retriable(int status) {
        return status == 408 || status == 425 || status == 429 || status / 100 == 5;
    }

    private String where() {
        return config.url().getHost() + ":" + config.port();
    }

    private static void pause(OperationContext context, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
                context.checkpoint();
                Thread.sleep(Duration.ofNanos(Math.min(left, STOP_POLL.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationStoppedException(context.operationId());
        }
    }
}
