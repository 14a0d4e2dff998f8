package org.realname.gateway.webhook.delivery;

import java.net.URI;
import java.time.Instant;

/** A delivery this instance holds the lease of, with what it needs to send it. */
record ClaimedDelivery(String id, String eventId, String eventType, String subscriptionId, URI url, String payload,
        int attempts, Instant giveUpAt) {
}
