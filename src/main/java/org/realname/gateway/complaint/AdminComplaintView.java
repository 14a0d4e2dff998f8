package org.realname.gateway.complaint;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A complaint as an operator sees it. Lists carry no text ({@code has_text} says whether there is
 * one); reading one complaint opens its text and is audited.
 */
public record AdminComplaintView(@JsonProperty("id") String id, @JsonProperty("account_id") String accountId,
        @JsonProperty("kind") ComplaintKind kind, @JsonProperty("status") ComplaintStatus status,
        @JsonProperty("received_at") Instant receivedAt, @JsonProperty("due_at") Instant dueAt,
        @JsonProperty("answered_at") Instant answeredAt, @JsonProperty("answered_by") String answeredBy,
        @JsonProperty("overdue") boolean overdue, @JsonProperty("has_text") boolean hasText,
        @JsonProperty("text") String text) {

    static AdminComplaintView of(Complaint c, Instant now, String text) {
        return new AdminComplaintView(c.id(), c.account().accountId(), c.kind(), c.status(), c.receivedAt(), c.dueAt(),
                c.answeredAt(), c.answeredBy(), c.overdueAt(now), c.text() != null, text);
    }
}
