package dev.lethe.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A single Elasticsearch node that answers HTTPS only, on free loopback ports, apart from the local services: for
 * tests of Lethe's TLS settings against a real node. Started by {@link #start}, stopped by {@link #close}.
 */
public final class TlsElasticsearch implements AutoCloseable {

    private final ElasticsearchNode node;

    private TlsElasticsearch(ElasticsearchNode node) {
        this.node = node;
    }

    /**
     * Starts a node with HTTPS under {@code dataDir} and waits until it is healthy.
     *
     * @param dataDir where the node keeps its files (must be reachable by the unprivileged user when run as root)
     * @param tls the node's certificate (naming 127.0.0.1) and key
     */
    public static TlsElasticsearch start(Path dataDir, HttpTls tls, Duration timeout) {
        var settings = new LocalServicesSettings.Elasticsearch(Ports.free(), Ports.free(), null, null, null);
        ElasticsearchNode node;
        try {
            Files.createDirectories(dataDir);
            node = new ElasticsearchNode(ElasticsearchNode.baseFor(dataDir), settings, tls);
            node.stopLeftovers();
            node.start();
        } catch (Exception e) {
            throw new LocalServiceException("Elasticsearch with TLS did not start: " + e.getMessage(), e);
        }
        var started = new TlsElasticsearch(node);
        try {
            node.awaitReady(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new LocalServiceException("interrupted while Elasticsearch with TLS started", e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String url() {
        return node.url();
    }

    @Override
    public void close() {
        node.stop();
    }
}
