package org.realname.gateway.webhook.api;

import java.time.Instant;

/**
 * The receiver's memory of accepted event ids, for replay protection. The gateway may deliver an
 * event more than once (a retry after a lost answer), so dedupe is also what makes handling
 * idempotent. Back it with a database unique key where the receiver runs several instances.
 */
public interface SeenEvents {

    /**
     * Remembers {@code eventId} until at least {@code keepUntil}, atomically.
     *
     * @return true if it was not seen before (handle the event), false for a repeat (ignore it)
     */
    boolean markSeen(String eventId, Instant keepUntil);
}
