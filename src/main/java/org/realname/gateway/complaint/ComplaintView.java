package org.realname.gateway.complaint;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A complaint as its person sees it: their own words ({@code text}, null when they gave none or
 * the account was erased), where it stands and when it is due.
 */
public record ComplaintView(@JsonProperty("id") String id, @JsonProperty("kind") ComplaintKind kind,
        @JsonProperty("status") ComplaintStatus status, @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("due_at") Instant dueAt, @JsonProperty("answered_at") Instant answeredAt,
        @JsonProperty("overdue") boolean overdue, @JsonProperty("text") String text) {

    static ComplaintView of(Complaint c, Instant now, String text) {
        return new ComplaintView(c.id(), c.kind(), c.status(), c.receivedAt(), c.dueAt(), c.answeredAt(), c.overdueAt(now),
                text);
    }
}
