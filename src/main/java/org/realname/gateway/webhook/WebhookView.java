package org.realname.gateway.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A subscription as the platform sees it. {@code secret} is present only in the answers to
 * creation and rotation: it is shown once and cannot be read again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        @JsonProperty("id") String id,
        @JsonProperty("url") String url,
        @JsonProperty("events") List<String> events,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("secret_rotated_at") Instant secretRotatedAt,
        @JsonProperty("previous_secret_valid_until") Instant previousSecretValidUntil,
        @JsonProperty("secret") String secret) {

    static WebhookView of(WebhookSubscription s, String secretShownOnce) {
        return new WebhookView(s.id(), s.url(), EventTypes.parse(s.eventTypes()), s.createdAt(),
                s.secretRotatedAt().orElse(null), s.previousValidUntil().orElse(null), secretShownOnce);
    }

    @Override
    public String toString() {
        return "WebhookView[id=" + id + ", events=" + events + (secret == null ? "" : ", secret=<hidden>") + "]";
    }
}
