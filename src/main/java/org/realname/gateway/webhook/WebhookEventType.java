package org.realname.gateway.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a platform can subscribe to; {@link #wireName()} is the stable name in the API and bodies. */
public enum WebhookEventType {
    VERIFICATION_PASSED("verification.passed"),
    VERIFICATION_FAILED("verification.failed"),
    VERIFICATION_EXPIRED("verification.expired"),
    VERIFICATION_CANCELED("verification.canceled"),
    VERIFICATION_DISPUTED("verification.disputed"),
    ACCOUNT_ERASED("account.erased"),
    /** A new version of the face-information rules is announced; it applies from its effective date. */
    CONSENT_RULES_UPCOMING("consent.rules_upcoming"),
    PING("ping");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
