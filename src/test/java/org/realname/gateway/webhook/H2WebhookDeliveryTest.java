package org.realname.gateway.webhook;

import io.quarkus.test.junit.QuarkusTest;

/** Delivery on the embedded default's database, H2. */
@QuarkusTest
class H2WebhookDeliveryTest extends WebhookDeliveryContract {
}
