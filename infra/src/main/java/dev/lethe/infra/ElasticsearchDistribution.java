package dev.lethe.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution from Maven Central ({@code integ-test-zip}), unpacked once into a
 * cache directory that every data directory shares.
 */
final class ElasticsearchDistribution {

    private static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final Properties BUILD = buildProperties();

    private ElasticsearchDistribution() {}

    static String version() {
        return BUILD.getProperty("elasticsearch.version");
    }

    /** Returns the unpacked home of the distribution, unpacking (and downloading) it if needed. */
    static Path home(Path configured, Path cacheDir) throws IOException, InterruptedException {
        if (configured != null && Files.isDirectory(configured)) {
            return configured;
        }
        String version = version();
        Path home = cacheDir.resolve("elasticsearch-" + version);
        if (Files.exists(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Files.createDirectories(cacheDir);
        // Test JVMs may start at the same moment: one unpacks, the others wait for it.
        try (FileChannel lockFile = FileChannel.open(
                cacheDir.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock();
            try {
                if (!Files.exists(home.resolve("bin/elasticsearch"))) {
                    unpack(configured != null ? configured : zip(cacheDir, version), home);
                }
            } finally {
                lock.release();
            }
        }
        return home;
    }

    static Path defaultCacheDir() {
        // Root's home is usually closed to the unprivileged user Elasticsearch runs as.
        return RunAs.isRoot()
                ? Path.of("/var/cache/lethe")
                : Path.of(System.getProperty("user.home"), ".cache", "lethe");
    }

    private static Path zip(Path cacheDir, String version) throws IOException, InterruptedException {
        String recorded = BUILD.getProperty("elasticsearch.distribution", "");
        if (!recorded.isBlank() && !recorded.startsWith("@") && Files.exists(Path.of(recorded))) {
            return Path.of(recorded);
        }
        Path downloaded = cacheDir.resolve("elasticsearch-" + version + ".zip");
        if (!Files.exists(downloaded)) {
            download(version, downloaded);
        }
        return downloaded;
    }

    private static void download(String version, Path target) throws IOException, InterruptedException {
        URI uri = URI.create(MAVEN_CENTRAL + "org/elasticsearch/distribution/integ-test-zip/elasticsearch/" + version
                + "/elasticsearch-" + version + ".zip");
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            throw new LocalServiceException("Downloading Elasticsearch " + version + " from " + uri
                    + " failed with HTTP " + response.statusCode()
                    + ". Set lethe.infra.elasticsearch.distribution to a downloaded zip.");
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void unpack(Path zip, Path home) throws IOException {
        Path staging = Files.createTempDirectory(home.getParent(), ".unpacking-");
        try (var archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                Path target =
                        staging.resolve(stripTopDirectory(entry.getName())).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        makeReadableByAll(staging);
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String stripTopDirectory(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** The zip keeps no permissions: scripts and native helpers must be executable, all of it readable. */
    private static void makeReadableByAll(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                boolean executable = Files.isDirectory(path)
                        || path.getParent().getFileName().toString().equals("bin");
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static Properties buildProperties() {
        var properties = new Properties();
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("lethe-infra.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
