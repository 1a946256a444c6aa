package dev.lethe.connectors.webhook;

import dev.lethe.connectors.guard.GuardedTarget;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST over a socket connected to the address the guard checked — not to a name
 * resolved again, which JDK clients would do (DNS rebinding). TLS still checks the certificate
 * against the URL's host name (SNI and endpoint identification). Redirects are answers like any
 * other: nothing is followed. The whole exchange, connecting included, must finish within the
 * timeout; answers are read up to {@link #MAX_BODY} bytes.
 */
final class PinnedHttp {

    /** The largest answer read; a bigger one is a failure, not a truncated result. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private static final int MAX_HEADER_LINE = 16 * 1024;

    /** An answer: status, headers (names in lower case) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private PinnedHttp() {}

    static Response post(GuardedTarget target, URI url, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = connect(target, url, timeout)) {
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(head(target, url, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), socket, deadline);
        }
    }

    private static Socket connect(GuardedTarget target, URI url, Duration timeout) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(target.socketAddress(), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (!"https".equals(url.getScheme())) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, target.host(), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
                parameters.setServerNames(List.of(new SNIHostName(target.host())));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String head(GuardedTarget target, URI url, Map<String, String> headers, int length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        boolean defaultPort = url.getPort() == -1;
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(path)
                .append(query)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(defaultPort ? host : host + ":" + target.port())
                .append("\r\n")
                .append("Content-Length: ")
                .append(length)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private static Response read(InputStream in, Socket socket, long deadline) throws IOException {
        String statusLine = line(in, socket, deadline);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("the answer is not HTTP/1.x");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in, socket, deadline); !line.isEmpty(); line = line(in, socket, deadline)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(),
                        (first, second) -> first + ", " + second);
            }
        }
        if (status / 100 == 1) {
            // An interim answer (100 Continue): the final one follows.
            return read(in, socket, deadline);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in, socket, deadline);
        } else if (headers.containsKey("content-length")) {
            long length = parseLength(headers.get("content-length"));
            body = exactly(in, socket, deadline, length);
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = untilClose(in, socket, deadline);
        }
        return new Response(status, Map.copyOf(headers), body);
    }

    private static byte[] chunked(InputStream in, Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, socket, deadline);
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                throw new IOException("a malformed chunk");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!line(in, socket, deadline).isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new IOException("the answer is larger than " + MAX_BODY + " bytes");
            }
            body.write(exactly(in, socket, deadline, size));
            line(in, socket, deadline);
        }
    }

    private static byte[] exactly(InputStream in, Socket socket, long deadline, long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("the answer is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes = new byte[(int) length];
        int read = 0;
        while (read < length) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(bytes, read, (int) length - read);
            if (n < 0) {
                throw new IOException("the answer ended early");
            }
            read += n;
        }
        return bytes;
    }

    private static byte[] untilClose(InputStream in, Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY) {
                throw new IOException("the answer is larger than " + MAX_BODY + " bytes");
            }
            body.write(buffer, 0, n);
        }
    }

    private static String line(InputStream in, Socket socket, long deadline) throws IOException {
        socket.setSoTimeout(remainingMillis(deadline));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the answer ended early");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_HEADER_LINE) {
                throw new IOException("a header line is too long");
            }
            line.write(b);
        }
    }

    private static long parseLength(String value) throws IOException {
        if (!value.matches("[0-9]{1,10}")) {
            throw new IOException("a malformed Content-Length");
        }
        return Long.parseLong(value);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remaining <= 0) {
            throw new SocketTimeoutException("the timeout elapsed");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
