package org.realname.gateway.consent;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Consent and minors on a real PostgreSQL (the {@code postgres-test} Surefire execution, profile {@code pg}). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresConsentAndMinorsTest extends ConsentAndMinorsContract {
}
