package org.realname.gateway.webhook.delivery;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One delivery as the platform (and the admin) sees it: ids, state and attempts; never the body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        @JsonProperty("id") String id,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("status") String status,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("delivered_at") Instant deliveredAt,
        @JsonProperty("dead_at") Instant deadAt,
        @JsonProperty("give_up_at") Instant giveUpAt,
        @JsonProperty("last_http_status") Integer lastHttpStatus,
        @JsonProperty("last_outcome") String lastOutcome,
        @JsonProperty("replays") int replays,
        @JsonProperty("attempt_log") List<AttemptView> attemptLog) {

    /** One attempt: when, how long, what came back. Kept 30 days. */
    public record AttemptView(
            @JsonProperty("attempt") int attempt,
            @JsonProperty("attempted_at") Instant attemptedAt,
            @JsonProperty("latency_ms") int latencyMs,
            @JsonProperty("http_status") Integer httpStatus,
            @JsonProperty("outcome") String outcome) {
    }

    DeliveryView withAttempts(List<AttemptView> log) {
        return new DeliveryView(id, eventId, eventType, subscriptionId, status, attempts, createdAt, nextAttemptAt, deliveredAt,
                deadAt, giveUpAt, lastHttpStatus, lastOutcome, replays, log);
    }
}
