package dev.lethe.infra;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's own Java implementation of its service, on a loopback port, with time skipping locked
 * off so timers run in real time. It keeps its state in memory: PostgreSQL stays the source of truth.
 *
 * <p>Started as {@code TestServer.createPortBoundServer} does, but on 127.0.0.1: that method listens
 * on every interface, which would put an unauthenticated workflow service on the network.
 */
final class TemporalServer implements LocalService {

    private final int port;
    private TestServicesStarter services;
    private Server server;

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
    public void start() throws IOException {
        services = new TestServicesStarter(true, 0);
        ServerBuilder<?> builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            server = builder.build().start();
        } catch (IOException | RuntimeException e) {
            services.close();
            services = null;
            throw e;
        }
    }

    @Override
    public boolean isHealthy() {
        return server != null && Ports.isListening(port);
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.shutdown();
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            server = null;
            if (services != null) {
                services.close();
                services = null;
            }
        }
    }
}
