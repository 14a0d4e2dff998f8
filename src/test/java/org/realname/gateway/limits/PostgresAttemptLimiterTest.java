package org.realname.gateway.limits;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The attempt limiter and its migration on a real PostgreSQL (the Surefire execution with the pg profile). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresAttemptLimiterTest extends AttemptLimiterContract {
}
