package org.realname.gateway.keys;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.util.OutageLog;

import io.quarkus.scheduler.Scheduled;

/**
 * Finishes KEK rotations in the background: every {@code gateway.keys.rewrap-interval} each
 * instance re-wraps data keys still under a PASSIVE KEK (row locks keep instances from doing
 * the same rows) and disables the PASSIVE KEKs nothing uses any more.
 */
@ApplicationScoped
public class KeyRewrapJob {

    private final KeyRingService keyRing;
    private final OutageLog outage = new OutageLog(KeyRewrapJob.class, "Key re-wrap");

    public KeyRewrapJob(KeyRingService keyRing) {
        this.keyRing = keyRing;
    }

    @Scheduled(every = "${gateway.keys.rewrap-interval:PT30S}", delayed = "${gateway.keys.rewrap-delay:PT5S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outage.run(keyRing::rewrapPending);
    }
}
