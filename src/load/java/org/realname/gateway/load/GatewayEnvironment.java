package org.realname.gateway.load;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Everything one step loads: an embedded PostgreSQL and the gateway under test, plus, when the
 * sandbox is separate, a second gateway process that plays the provider.
 *
 * <p>Each gateway process has a database of its own in the one PostgreSQL cluster, so
 * {@code pg_stat_database} counts the commits of the gateway under test alone; the counters are
 * read over the {@code postgres} database, which neither gateway uses.
 */
final class GatewayEnvironment implements AutoCloseable {

    static final String GATEWAY_DB = "gateway";
    static final String SANDBOX_DB = "sandbox";

    private final EmbeddedPostgres postgres;
    private final GatewayProcess sandbox;
    final GatewayProcess gateway;

    private GatewayEnvironment(EmbeddedPostgres postgres, GatewayProcess sandbox, GatewayProcess gateway) {
        this.postgres = postgres;
        this.sandbox = sandbox;
        this.gateway = gateway;
    }

    /**
     * @param gatewayPort the port of the gateway under test, chosen before the scenarios are built
     */
    static GatewayEnvironment start(LoadSettings settings, int gatewayPort) throws IOException, InterruptedException, SQLException {
        // Durable commits, as a production PostgreSQL makes them: the embedded server's test
        // defaults would make every commit nearly free and hide the cost of commits per flow.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .start();
        GatewayProcess sandbox = null;
        try {
            createDatabase(postgres, GATEWAY_DB);
            Map<String, String> properties = new LinkedHashMap<>();
            if (settings.separateSandbox()) {
                createDatabase(postgres, SANDBOX_DB);
                sandbox = GatewayProcess.start("sandbox", GatewayProcess.freePort(), settings, jdbcUrl(postgres, SANDBOX_DB), Map.of());
                // The gateway under test talks to the other process's sandbox with that sandbox's
                // keys (generated at its start), and serves no sandbox itself, as in production.
                String keys = sandbox.dataDir.resolve("sandbox-keys").toString();
                properties.put("gateway.provider.alipay.endpoint", sandbox.baseUrl() + "/sandbox/gateway.do");
                properties.put("gateway.provider.alipay.app-private-key-file", keys + "/app-RSA2-private-key.pem");
                properties.put("gateway.provider.alipay.provider-public-key-file", keys + "/provider-RSA2-public-key.pem");
                properties.put("gateway.sandbox.enabled", "false");
            }
            GatewayProcess gateway = GatewayProcess.start("gateway", gatewayPort, settings, jdbcUrl(postgres, GATEWAY_DB), properties);
            return new GatewayEnvironment(postgres, sandbox, gateway);
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            postgres.close();
            throw e;
        }
    }

    /** Transactions committed so far in the gateway's database (pg_stat_database.xact_commit). */
    long gatewayCommits() throws SQLException, InterruptedException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // Backends report their counts to the statistics system with a delay of up to about a
            // second after their transactions; wait until two reads a second apart agree.
            long previous = -1;
            for (int i = 0; i < 15; i++) {
                s.execute("SELECT pg_stat_clear_snapshot()");
                long now = single(s, "SELECT xact_commit FROM pg_stat_database WHERE datname = '" + GATEWAY_DB + "'");
                if (now == previous) {
                    return now;
                }
                previous = now;
                Thread.sleep(1100);
            }
            return previous;
        }
    }

    /** The server's version and the settings that decide what a commit costs, for the summary. */
    String postgresDescription() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            StringBuilder b = new StringBuilder("PostgreSQL ");
            b.append(text(s, "SHOW server_version"));
            for (String setting : new String[] {"fsync", "synchronous_commit", "shared_buffers"}) {
                b.append(", ").append(setting).append('=').append(text(s, "SHOW " + setting));
            }
            return b.toString();
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private static String jdbcUrl(EmbeddedPostgres postgres, String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            gateway.close();
            if (sandbox != null) {
                sandbox.close();
            }
        } finally {
            postgres.close();
        }
    }
}
