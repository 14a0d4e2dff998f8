package org.realname.gateway.audit;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The audit queue and sequencer on a real PostgreSQL (the pg test profile). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresAuditSequencerTest extends AuditSequencerContract {
}
