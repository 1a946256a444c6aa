package dev.lethe.infra;

import io.temporal.testserver.TestServer;
import java.io.Closeable;

/**
 * Temporal's own Java implementation of its service, on a port, with time skipping locked off so
 * timers run in real time. It keeps its state in memory: PostgreSQL stays the source of truth.
 */
final class TemporalServer implements LocalService {

    private final int port;
    private Closeable server;

    TemporalServer(int port) {
        this.port = port;
    }

    @Override
    public String displayName() {
        return "Temporal";
    }

    /** In-process: it ends with the JVM that ran it. */
    @Override
    public void stopLeftovers() {}

    @Override
    public void start() {
        server = TestServer.createPortBoundServer(port, true);
    }

    @Override
    public boolean isHealthy() {
        return server != null && Ports.isListening(port);
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new LocalServiceException("Temporal did not stop cleanly: " + e.getMessage(), e);
            } finally {
                server = null;
            }
        }
    }
}
