package org.realname.gateway.webhook;

import org.realname.gateway.support.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Delivery on a real PostgreSQL: claims there use FOR UPDATE SKIP LOCKED (Surefire's pg execution). */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
class PostgresWebhookDeliveryTest extends WebhookDeliveryContract {
}
