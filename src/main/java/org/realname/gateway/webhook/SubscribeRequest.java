package org.realname.gateway.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v1/webhooks}: the endpoint and the event types (wire names) it wants. */
public record SubscribeRequest(
        @JsonProperty("url") String url,
        @JsonProperty("events") List<String> events) {

    @Override
    public String toString() {
        // The URL is the platform's, not personal data, but request bodies are never logged whole.
        return "SubscribeRequest[events=" + events + "]";
    }
}
