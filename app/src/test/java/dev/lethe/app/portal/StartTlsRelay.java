package dev.lethe.app.portal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP relay on loopback that offers STARTTLS (RFC 3207) with {@link MailServers}' certificate, for what
 * GreenMail 2.1 cannot show: a client upgrading the connection before it sends. It speaks just the commands a mail
 * client sends (EHLO, STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and records each message with whether the
 * connection was encrypted when it came. One connection at a time; stopped by {@link #close}.
 */
public final class StartTlsRelay implements AutoCloseable {

    /** A message as the relay received it. */
    public record Received(boolean overTls, String data) {}

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public StartTlsRelay() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(MailServers.KEY_STORE)) {
                keys.load(in, MailServers.KEY_STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, MailServers.KEY_STORE_PASSWORD.toCharArray());
            tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Thread accepting = new Thread(this::serve, "start-tls-relay");
        accepting.setDaemon(true);
        accepting.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(10_000);
                converse(client);
            } catch (IOException e) {
                // A client that hung up (a refused handshake) or the relay closing: wait for the next one.
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        boolean overTls = false;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 relay.test ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() < 4
                    ? line.toUpperCase()
                    : line.substring(0, 4).toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, overTls ? "250 relay.test" : "250-relay.test\r\n250 STARTTLS");
                case "STAR" -> {
                    reply(out, "220 ready to start TLS");
                    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    overTls = true;
                    in = reader(socket);
                    out = socket.getOutputStream();
                }
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    for (String text = in.readLine(); text != null && !text.equals("."); text = in.readLine()) {
                        data.append(text).append('\n');
                    }
                    received.add(new Received(overTls, data.toString()));
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
