package org.realname.gateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL that can be stopped and started again on the same port and data
 * directory, as an operator restarts a server: {@code pg_ctl stop -m fast} (sessions are ended
 * with SQL state 57P01, new connections refused), then a start that finds the data as it was.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.port = server.getPort();
    }

    public static RestartablePostgres start() throws IOException {
        Path dir = Files.createTempDirectory("outage-pg-");
        return new RestartablePostgres(dir, builder(dir).start());
    }

    private static EmbeddedPostgres.Builder builder(Path dir) {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
    }

    /** The running server (for its JDBC URL and data sources). */
    public EmbeddedPostgres server() {
        if (server == null) {
            throw new IllegalStateException("The database is stopped");
        }
        return server;
    }

    /** Stops the server (fast shutdown) and returns once it no longer accepts connections. */
    public void stop() throws IOException {
        server.close();
        server = null;
        if (accepting()) {
            throw new IllegalStateException("PostgreSQL still accepts connections after its stop");
        }
    }

    /** Starts the server again on the same port and data directory; returns once it answers queries. */
    public void startAgain() throws IOException {
        server = builder(dataDirectory).setPort(port).start();
    }

    /** Whether something listens on the server's port. */
    public boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
