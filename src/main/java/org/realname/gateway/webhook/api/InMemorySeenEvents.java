package org.realname.gateway.webhook.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SeenEvents} in memory for one receiver process, bounded to {@code capacity} ids.
 * Ids are forgotten once their {@code keepUntil} has passed: by then the timestamp check refuses
 * the replayed delivery anyway. When full of ids still to keep, the oldest is forgotten: size
 * the capacity above the number of events one endpoint receives within twice the tolerance.
 */
public final class InMemorySeenEvents implements SeenEvents {

    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public InMemorySeenEvents(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    public InMemorySeenEvents(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized boolean markSeen(String eventId, Instant keepUntil) {
        forgetExpired(clock.instant());
        if (seen.containsKey(eventId)) {
            return false;
        }
        if (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(eventId, keepUntil);
        return true;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return seen.size();
    }

    private void forgetExpired(Instant now) {
        // Insertion order is close to keepUntil order (same tolerance for all), so stop early.
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
