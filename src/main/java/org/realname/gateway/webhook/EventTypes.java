package org.realname.gateway.webhook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** The requested event types: validated, de-duplicated, stored comma-separated in enum order. */
final class EventTypes {

    private EventTypes() {
    }

    /** @return the stored form, e.g. {@code verification.passed,ping} */
    static String validate(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "events must list at least one event type");
        }
        if (requested.size() > 2 * WebhookEventType.values().length) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "events lists too many entries");
        }
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String name : requested) {
            // The detail lists the accepted names, never echoes the input.
            types.add(WebhookEventType.ofWireName(name).orElseThrow(() -> new GatewayException(ErrorCode.INVALID_EVENT_TYPE,
                    "events may contain only " + Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList())));
        }
        return String.join(",", types.stream().map(WebhookEventType::wireName).toList());
    }

    static List<String> parse(String stored) {
        return List.of(stored.split(","));
    }
}
