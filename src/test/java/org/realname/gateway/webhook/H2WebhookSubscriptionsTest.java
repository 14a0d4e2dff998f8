package org.realname.gateway.webhook;

import io.quarkus.test.junit.QuarkusTest;

/** The subscriptions API on the embedded default's database, H2. */
@QuarkusTest
class H2WebhookSubscriptionsTest extends WebhookSubscriptionsContract {
}
