package org.realname.gateway.complaint;

import java.time.Instant;

import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.tenant.AccountRef;

/**
 * A complaint as stored. {@code text} is the person's words sealed under the account's data
 * key, or null when they gave none.
 */
public record Complaint(String id, AccountRef account, ComplaintKind kind, ComplaintStatus status, Instant receivedAt,
        Instant dueAt, Instant answeredAt, String answeredBy, SealedValue text) {

    /** Where the text is stored, the associated data of its ciphertext. */
    public static String textAad(String id) {
        return "complaint:text:" + id;
    }

    public boolean overdueAt(Instant now) {
        return status == ComplaintStatus.RECEIVED && !now.isBefore(dueAt);
    }

    @Override
    public String toString() {
        // Never the account id nor the text (even sealed): this may reach a log line.
        return "Complaint[" + id + ", " + kind + ", " + status + "]";
    }
}
