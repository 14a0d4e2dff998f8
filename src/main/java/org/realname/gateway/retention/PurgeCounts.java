package org.realname.gateway.retention;

/**
 * What one purge did.
 *
 * @param securityEvents security-log rows deleted
 * @param sessionsCleared finished sessions whose troubleshooting columns were cleared
 * @param sessionsDeleted sessions that ended without a result, deleted
 * @param consentsDeleted consent records of those sessions, deleted
 * @param webhookAttempts webhook delivery attempts deleted
 */
public record PurgeCounts(int securityEvents, int sessionsCleared, int sessionsDeleted, int consentsDeleted,
        int webhookAttempts) {

    public boolean any() {
        return securityEvents + sessionsCleared + sessionsDeleted + consentsDeleted + webhookAttempts > 0;
    }

    /** The audit entry's outcome: counts only. */
    public String outcome() {
        return "security-" + securityEvents + "/cleared-" + sessionsCleared + "/deleted-" + sessionsDeleted
                + "/consents-" + consentsDeleted + "/webhook-attempts-" + webhookAttempts;
    }
}
