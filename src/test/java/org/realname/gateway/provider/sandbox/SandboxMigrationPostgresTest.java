package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** {@code V2__sandbox.sql} runs unchanged on a real PostgreSQL and keeps its uniqueness rule. */
class SandboxMigrationPostgresTest {

    @Test
    void migration_runsOnPostgres_andRefusesReusedOrder() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                insert(c, "c1", "o1");
                assertThrows(SQLException.class, () -> insert(c, "c2", "o1"));
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM sandbox_certification")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
        }
    }

    private static void insert(Connection c, String certifyId, String order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_certification (certify_id, app_id, outer_order_no,"
                + " masked_name, behaviour, return_url, state, created_at) VALUES (?, 'app', ?, 'n*', 'NONE', 'https://r', 'INIT', ?)")) {
            ps.setString(1, certifyId);
            ps.setString(2, order);
            ps.setObject(3, OffsetDateTime.now());
            ps.executeUpdate();
        }
    }
}
