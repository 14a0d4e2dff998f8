package org.realname.gateway.rights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The rights on a real PostgreSQL (the pg Surefire execution). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresRightsTest extends RightsContract {

    @Test
    void reallyRunsOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        }
    }
}
