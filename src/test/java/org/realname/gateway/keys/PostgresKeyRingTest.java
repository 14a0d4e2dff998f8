package org.realname.gateway.keys;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The key ring on a real PostgreSQL (row locks, the one-ACTIVE constraint, re-wrap batches). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresKeyRingTest extends KeyRingContract {
}
