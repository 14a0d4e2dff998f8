package org.realname.gateway.webhook.api;

import java.time.Instant;

/** A delivery that passed every check: handle its body. */
public record VerifiedEvent(String eventId, Instant signedAt, boolean sm2Verified) {
}
