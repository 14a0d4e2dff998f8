package org.realname.gateway.complaint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Complaints on a real PostgreSQL (the pg Surefire execution). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresComplaintsTest extends ComplaintsContract {

    @Test
    void reallyRunsOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        }
    }
}
