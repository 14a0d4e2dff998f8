package org.realname.gateway.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * The places where a crash test may halt the gateway (docs/testing.md, "Crash at every step").
 * Each sits where a crash leaves the most to recover: after a commit whose answer never leaves,
 * or inside a transaction that never commits.
 */
public enum FaultPoint {
    /** A session's creation committed; the platform never gets the 201. */
    AFTER_CREATE("after-create"),
    /** The one-time link is marked opened; the browser never gets its binding cookie. */
    AFTER_LINK_OPENED("after-link-opened"),
    /** Consent committed (CONSENTED); the provider was not called yet. */
    AFTER_CONSENT("after-consent"),
    /** The provider started a verification; the gateway has not stored its reference nor redirected. */
    AFTER_PROVIDER_START("after-provider-start"),
    /** The provider's verdict is known and the session row moved, uncommitted; the result is not written. */
    BEFORE_RESULT_WRITE("before-result-write"),
    /** Queued audit entries have positions, hashes and a new head, uncommitted. */
    AUDIT_SEQUENCING("audit-sequencing"),
    /** A data key of a re-wrap batch is re-wrapped in memory, its batch uncommitted. */
    KEY_REWRAP("key-rewrap"),
    /** The webhook endpoint accepted a delivery; the delivery is not marked delivered. */
    WEBHOOK_DELIVERY("webhook-delivery");

    private final String wireName;

    FaultPoint(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code gateway.fault.halt-at}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<FaultPoint> ofWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
