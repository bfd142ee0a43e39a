package dev.vigil.keycloak.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network between a node and PostgreSQL, which a test can cut: a TCP relay on a loopback port. {@link #cut()} drops
 * every open connection and refuses new ones (what a node sees when the database server goes down), {@link #restore()}
 * lets connections through again. The database itself keeps running, so the test can still count rows meanwhile.
 */
final class DatabaseLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final Thread acceptor;

    /** A relay to the host and port of {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}). */
    DatabaseLink(String jdbcUrl) throws IOException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.targetHost = uri.getHost();
        this.targetPort = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "database-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code jdbcUrl} with its host and port replaced by the relay's. */
    String through(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
    }

    void cut() {
        up.set(false);
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    void restore() {
        up.set(true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up.get()) {
                    close(client); // refused: the server is down
                    continue;
                }
                Socket db = new Socket();
                db.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                open.add(client);
                open.add(db);
                pump(client, db);
                pump(db, client);
            } catch (IOException e) {
                // a refused or dropped connection; the relay goes on
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
