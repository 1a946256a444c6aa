package dev.lethe.catalog.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import java.net.ConnectException;
import java.time.Duration;

/**
 * The search index can't answer for now: a shard of a new index is not active yet, Elasticsearch
 * is busy or unreachable. Answered as 503 with {@code Retry-After}, never as a 500: it passes.
 * {@link #isTransient} is the one place that tells such errors apart from real ones, in every form
 * the client raises them.
 */
public final class SearchUnavailable extends RuntimeException {

    /** How long a client should wait before asking again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final int MAX_CAUSES = 10;

    SearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code error}, or one of its causes, says "not available yet": HTTP 503 (no shard
     * available, all shards failed on an unassigned shard), 429 (rejected, busy) or 408 (a health
     * wait that timed out), as the typed client's {@link ElasticsearchException}, its {@link
     * TransportException}, or the low-level {@link ResponseException} (which the client throws for
     * 5xx answers, often wrapped in an {@link java.io.UncheckedIOException}); or a refused connection.
     */
    static boolean isTransient(Throwable error) {
        Throwable cause = error;
        for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            int status = status(cause);
            if (status == 503 || status == 429 || status == 408 || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof ElasticsearchException typed
                    && typed.error() != null
                    && "no_shard_available_action_exception"
                            .equals(typed.error().type())) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status an Elasticsearch error carries, or -1. */
    private static int status(Throwable error) {
        return switch (error) {
            case ElasticsearchException typed -> typed.status();
            case TransportException transport -> transport.statusCode();
            case ResponseException response -> response.getResponse().getStatusCode();
            default -> -1;
        };
    }
}
