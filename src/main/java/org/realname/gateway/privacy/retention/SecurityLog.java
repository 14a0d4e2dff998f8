package org.realname.gateway.privacy.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.realname.gateway.util.Ids;

/**
 * The security log of the browser-facing session pages: when, which session, what, the answer's
 * status, client address and user agent. Kept for incident handling, purged with the other
 * troubleshooting data. Written in a transaction of its own, so a refused request (whose own
 * transaction rolled back) is logged too, and logging never changes the request's outcome.
 */
@ApplicationScoped
public class SecurityLog {

    static final int MAX_USER_AGENT = 256;
    static final int MAX_IP = 64;

    /** One row to write. {@code sessionId} may be null (an unknown link). */
    public record Event(String sessionId, String kind, int httpStatus, String clientIp, String userAgent) {
    }

    private final EntityManager em;
    private final Clock clock;

    public SecurityLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(Event e) {
        em.createNativeQuery("INSERT INTO security_event (id, occurred_at, session_id, kind, http_status, client_ip, user_agent) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, Ids.newId())
                .setParameter(2, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .setParameter(3, e.sessionId())
                .setParameter(4, e.kind())
                .setParameter(5, e.httpStatus())
                .setParameter(6, clean(e.clientIp(), MAX_IP))
                .setParameter(7, clean(e.userAgent(), MAX_USER_AGENT))
                .executeUpdate();
    }

    /** Printable ASCII only (a header may carry anything), truncated to the column. */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
