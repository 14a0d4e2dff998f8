package org.realname.gateway.tenant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tenant isolation on a real PostgreSQL (the V19 migration's constraints and indexes as in
 * production). Runs in the Surefire execution that activates the {@code pg} profile.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresTenantIsolationTest extends TenantIsolationContract {

    @Test
    void reallyRunsOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"),
                    c.getMetaData().getDatabaseProductName());
        }
    }
}
