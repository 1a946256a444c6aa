package dev.lethe.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real OIDC provider for tests: Keycloak from Maven Central ({@code keycloak-quarkus-dist}),
 * unpacked once into the cache directory the Elasticsearch distribution shares, run as a child
 * process in dev mode on a loopback port with an in-memory database, so every start imports the
 * realms given to it afresh. The issuer is pinned ({@code --hostname}) so that tokens name the
 * same issuer however they were asked for.
 *
 * <p>Starts are serialized across test JVMs (a file lock): the first start of a fresh
 * distribution re-augments it, which two JVMs must not do at once.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Properties BUILD = buildProperties();
    private static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Keycloak with the realms (JSON exports, by file name) imported; returns once the
     * first realm's discovery document answers.
     *
     * @param dir where its output goes
     * @param realms realm file name → realm JSON; the file names must be stable, as they land in the
     *     distribution's shared import directory
     */
    public static KeycloakServer start(Path dir, Map<String, String> realms, String firstRealm) {
        try {
            Path home = home(ElasticsearchDistribution.defaultCacheDir());
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(
                    home.resolve(".lethe-start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockFile.lock();
                try {
                    writeRealms(home, realms);
                    LocalServiceException last = null;
                    for (int attempt = 0; attempt < 2; attempt++) {
                        try {
                            return run(home, dir, Ports.free(), firstRealm);
                        } catch (LocalServiceException e) {
                            last = e; // most likely another process took the free port first
                        }
                    }
                    throw last;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new LocalServiceException("Could not start Keycloak: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalServiceException("Interrupted while starting Keycloak", e);
        }
    }

    private static KeycloakServer run(Path home, Path dir, int port, String firstRealm)
            throws IOException, InterruptedException {
        Path log = dir.resolve("keycloak-" + port + ".out");
        var builder = new ProcessBuilder(List.of(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        // Constant flags: a changed build option (such as --db) costs a re-augmentation.
                        "--db=dev-mem",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--hostname=http://127.0.0.1:" + port,
                        "--import-realm"))
                .directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", JavaRuntime.home());
        env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms32m -Xmx256m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        ChildProcess process = ChildProcess.start("Keycloak", builder, log, dir.resolve("keycloak-" + port + ".pid"));
        var server = new KeycloakServer(process, port);
        try {
            process.awaitReady(
                    () -> server.answers(firstRealm),
                    Duration.ofMinutes(3),
                    Duration.ofMillis(500),
                    () -> ChildProcess.tail(log, 30));
        } catch (LocalServiceException | InterruptedException e) {
            process.stop(Duration.ofSeconds(10));
            throw e;
        }
        return server;
    }

    private boolean answers(String realm) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of a realm's tokens, as they name it in {@code iss}. */
    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    /** A realm's JSON Web Key Set. */
    public String jwkSetUri(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    /** An access token for a user (resource owner password grant: the client must allow it). */
    public String passwordToken(String realm, String clientId, String secret, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return token(realm, clientId, secret, form);
    }

    /** An access token for the client's own service account (client credentials grant). */
    public String clientToken(String realm, String clientId, String secret) {
        return token(realm, clientId, secret, Map.of("grant_type", "client_credentials"));
    }

    private String token(String realm, String clientId, String secret, Map<String, String> grant) {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException(
                        "Keycloak gave no token (" + response.statusCode() + "): " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM; Keycloak is down in about two seconds. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static void writeRealms(Path home, Map<String, String> realms) throws IOException {
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        for (var realm : realms.entrySet()) {
            Path partial = Files.createTempFile(imports, ".realm-", ".part");
            Files.writeString(partial, realm.getValue());
            Files.move(partial, imports.resolve(realm.getKey()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The unpacked distribution, unpacked (and downloaded) if needed. */
    static Path home(Path cacheDir) throws IOException, InterruptedException {
        String version = BUILD.getProperty("keycloak.version");
        Path home = cacheDir.resolve("keycloak-" + version);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Files.createDirectories(cacheDir);
        try (FileChannel lockFile = FileChannel.open(
                cacheDir.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock();
            try {
                if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                    unpack(zip(cacheDir, version), home);
                }
            } finally {
                lock.release();
            }
        }
        return home;
    }

    private static Path zip(Path cacheDir, String version) throws IOException, InterruptedException {
        String recorded = BUILD.getProperty("keycloak.distribution", "");
        if (!recorded.isBlank() && !recorded.startsWith("@") && Files.exists(Path.of(recorded))) {
            return Path.of(recorded);
        }
        Path downloaded = cacheDir.resolve("keycloak-" + version + ".zip");
        if (!Files.exists(downloaded)) {
            URI uri = URI.create(MAVEN_CENTRAL + "org/keycloak/keycloak-quarkus-dist/" + version
                    + "/keycloak-quarkus-dist-" + version + ".zip");
            Path partial = downloaded.resolveSibling(downloaded.getFileName() + ".part");
            HttpResponse<Path> response = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new LocalServiceException("Downloading Keycloak " + version + " from " + uri
                        + " failed with HTTP " + response.statusCode());
            }
            Files.move(partial, downloaded, StandardCopyOption.ATOMIC_MOVE);
        }
        return downloaded;
    }

    private static void unpack(Path zip, Path home) throws IOException {
        Path staging = Files.createTempDirectory(home.getParent(), ".unpacking-");
        try (var archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                Path target = staging.resolve(slash < 0 ? name : name.substring(slash + 1))
                        .normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Zip entry outside the target directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                // The zip keeps no permissions: the scripts must be executable.
                if (target.getParent().getFileName().toString().equals("bin") && name.endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties buildProperties() {
        var properties = new Properties();
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
