package org.realname.gateway.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The same flow on a real PostgreSQL, with the same Flyway migrations. Runs in the Surefire
 * execution that activates the {@code pg} profile (PostgreSQL is a build-time choice in Quarkus).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresVerificationFlowTest extends VerificationFlowContract {

    @Test
    void reallyRunsOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"),
                    c.getMetaData().getDatabaseProductName());
        }
    }
}
