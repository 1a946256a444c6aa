package dev.lethe.connectors.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service with an API, run by the test on loopback: every request's signature is checked with
 * the shared secret (401 when it does not verify), every call recorded, and each path answers by a
 * script of replies, the last one repeating.
 */
final class TestWebhookService implements AutoCloseable {

    /** One recorded call. */
    record Call(String path, Instant at, String signature, String requestId, String body, boolean signatureValid) {}

    /** One scripted reply. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body, 0);
        }
    }

    private final String secret;
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Reply> last = new ConcurrentHashMap<>();
    private final AtomicInteger paths = new AtomicInteger();

    TestWebhookService(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A fresh path answering with {@code replies} in order, the last repeating; its URL. */
    String script(Reply... replies) {
        String path = "/hook-" + paths.incrementAndGet();
        scripts.put(path, new ConcurrentLinkedQueue<>(List.of(replies)));
        return "http://127.0.0.1:" + port() + path;
    }

    List<Call> calls(String url) {
        String path = url.substring(url.indexOf('/', "http://".length()));
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            boolean valid = WebhookSignature.verify(secret, signature, body, Instant.now());
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(
                    path,
                    Instant.now(),
                    signature,
                    exchange.getRequestHeaders().getFirst("Lethe-Request-Id"),
                    new String(body, StandardCharsets.UTF_8),
                    valid));
            Reply reply = valid ? next(path) : Reply.of(401, "{\"error\":\"bad signature\"}");
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // Length 0 makes the JDK server answer chunked: both ways of framing get exercised.
            exchange.sendResponseHeaders(
                    reply.status(), out.length == 0 ? -1 : (reply.status() == 200 ? 0 : out.length));
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (IOException e) {
            // The client gave up (a timeout test): nothing to answer.
        }
    }

    private Reply next(String path) {
        ConcurrentLinkedQueue<Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.of(404, "{}");
        }
        Reply reply = script.poll();
        if (reply == null) {
            return last.get(path);
        }
        last.put(path, reply);
        return reply;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
