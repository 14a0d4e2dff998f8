package org.realname.gateway.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@code V19__tenants.sql} on a database that already holds data (H2 in PostgreSQL mode, as the
 * embedded default): every existing row ends up in the tenant {@code default}, and the new keys
 * lead with the tenant.
 */
class TenantMigrationTest {

    static final String URL = "jdbc:h2:mem:tenant-migration;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void existingRows_endUpUnderTheDefaultTenant() throws SQLException {
        // One connection for Flyway and the test: H2 evaluates a check constraint in the session
        // that created it, so that session must stay open (a pool does the same in the gateway).
        Connection c = DriverManager.getConnection(URL, "sa", "");
        try {
            migrate(c, "18");
            run(c);
        } finally {
            c.close();
        }
    }

    private static void run(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO key_version (key_id, kind, version, status, active_kind, created_at, changed_at) "
                    + "VALUES ('kek-v1', 'KEK', 1, 'ACTIVE', 'KEK', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO account_key (account_id, kek_key_id, wrapped_dek, created_at) "
                    + "VALUES ('alice', 'kek-v1', X'00', CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO verification_session (id, account_id, purpose, status, return_url, provider, "
                    + "link_token_hash, created_by, created_at, updated_at, expires_at, version, idempotency_key) VALUES "
                    + "('s1', 'alice', 'SIGNUP', 'CREATED', 'http://x', 'alipay', 'h1', 'p', CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'k1')");
            st.executeUpdate("INSERT INTO consent_withdrawal (id, account_id, withdrawn_at, actor, channel, sessions_canceled) "
                    + "VALUES ('w1', 'alice', CURRENT_TIMESTAMP, 'p', 'platform', 0)");
        }
        migrate(c, null);
        try (Statement st = c.createStatement()) {
            assertEquals("default", one(st, "SELECT tenant_id FROM account_key WHERE account_id = 'alice'"));
            assertEquals("default", one(st, "SELECT tenant_id FROM verification_session WHERE id = 's1'"));
            assertEquals("default", one(st, "SELECT tenant_id FROM consent_withdrawal WHERE id = 'w1'"));
            assertEquals("kek-v1", one(st, "SELECT kek_key_id FROM account_key WHERE account_id = 'alice'"));
            // The same account id and idempotency key in another tenant are other rows...
            st.executeUpdate("INSERT INTO account_key (tenant_id, account_id, kek_key_id, wrapped_dek, created_at) "
                    + "VALUES ('b', 'alice', 'kek-v1', X'01', CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO verification_session (id, tenant_id, account_id, purpose, status, return_url, provider, "
                    + "link_token_hash, created_by, created_at, updated_at, expires_at, version, idempotency_key) VALUES "
                    + "('s2', 'b', 'alice', 'SIGNUP', 'CREATED', 'http://x', 'alipay', 'h2', 'p', CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'k1')");
            // ...but within one tenant they stay unique.
            assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO account_key (tenant_id, account_id, "
                    + "kek_key_id, wrapped_dek, created_at) VALUES ('b', 'alice', 'kek-v1', X'02', CURRENT_TIMESTAMP)"));
            assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO verification_session (id, tenant_id, "
                    + "account_id, purpose, status, return_url, provider, link_token_hash, created_by, created_at, updated_at, "
                    + "expires_at, version, idempotency_key) VALUES ('s3', 'b', 'bob', 'SIGNUP', 'CREATED', 'http://x', "
                    + "'alipay', 'h3', 'p', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'k1')"));
        }
    }

    private static void migrate(Connection c, String target) {
        var config = Flyway.configure().dataSource(new KeptOpen(c)).locations("classpath:db/migration", "classpath:db/vendor/h2");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    /** A data source handing out one connection whose close() does nothing. */
    private record KeptOpen(Connection c) implements javax.sql.DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
