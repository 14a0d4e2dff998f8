package org.realname.gateway.auditor;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The auditor API on a real PostgreSQL (the pg test profile). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresAuditorApiTest extends AuditorApiContract {
}
