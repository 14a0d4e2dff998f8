package org.realname.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The same on a real PostgreSQL, with the same Flyway migrations (Surefire's pg execution). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresWebhookSubscriptionsTest extends WebhookSubscriptionsContract {

    @Test
    void reallyRunsOnPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"),
                    c.getMetaData().getDatabaseProductName());
        }
    }
}
