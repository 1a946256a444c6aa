package dev.lethe.app.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser on the portal, over plain HTTP from its own loopback address (127.0.0.x), so that
 * each test has its own per-address limits: cookies, the CSRF token of the last page read, no
 * redirects followed.
 */
final class PortalVisitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CHALLENGE = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final int port;
    private String csrf;
    private String challenge;

    PortalVisitor(int port, String address) {
        this.port = port;
        try {
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .localAddress(InetAddress.getByName(address))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return get(path, "en");
    }

    HttpResponse<String> get(String path, String language) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Accept-Language", language)
                .GET());
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    /**
     * Posts the form fields with the CSRF token of the last page read and, when that page carried a
     * proof-of-work challenge, its solution (as the page's script would).
     */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (challenge != null && !all.containsKey("challenge")) {
            all.put("challenge", challenge);
            all.put("challengeSolution", solve(challenge));
        }
        return postUnsolved(path, all);
    }

    /** Posts the form fields with the CSRF token of the last page read, and no challenge unless among them. */
    HttpResponse<String> postUnsolved(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return postWithout(path, all);
    }

    /** The proof-of-work challenge on the last page read (or posted to), null when it had none. */
    String challenge() {
        return challenge;
    }

    /** A solution of the challenge: the first number whose SHA-256 with it has the leading zero bits asked for. */
    static String solve(String challenge) {
        int difficulty = Integer.parseInt(challenge.split("\\.")[2]);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (long n = 0; ; n++) {
                byte[] hash = sha.digest((challenge + ":" + n).getBytes(StandardCharsets.US_ASCII));
                long first = ((hash[0] & 0xffL) << 24)
                        | ((hash[1] & 0xffL) << 16)
                        | ((hash[2] & 0xffL) << 8)
                        | (hash[3] & 0xffL);
                if (first >>> (32 - difficulty) == 0) {
                    return Long.toString(n);
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts exactly these fields (no CSRF token unless among them). */
    HttpResponse<String> postWithout(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts the form fields with the CSRF token of the last page read, keeping the answer's bytes (a download). */
    HttpResponse<byte[]> postForBytes(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        try {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept-Language", "en")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts the form as {@code multipart/form-data}, as a browser posts a form with a file: the fields, the CSRF
     * token of the last page read, the solution of its challenge if it had one, and one file part ({@code file} null: none) with the name and type given.
     */
    HttpResponse<String> postMultipart(
            String path, Map<String, String> fields, String fileField, String fileName, String type, byte[] file) {
        String boundary = "----lethe-test-" + Long.toHexString(System.nanoTime());
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (challenge != null && !all.containsKey("challenge")) {
            all.put("challenge", challenge);
            all.put("challengeSolution", solve(challenge));
        }
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        all.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (file != null) {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                            + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            body.writeBytes(file);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void write(java.io.ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CHALLENGE.matcher(response.body());
            challenge = matcher.find() ? matcher.group(1) : null;
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
