package org.realname.gateway.webhook.api;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gateway side: the {@value WebhookHeaders#SIGNATURE} header of one delivery. One {@code v1}
 * per secret given (the current one first, then the previous one during a rotation overlap),
 * and an {@code sm2} signature when a {@link ContentSigner} is given. Thread-safe, stateless.
 */
public final class WebhookSigner {

    /** At most this many secrets (v1 values) per header; {@link WebhookVerifier} refuses more. */
    public static final int MAX_SECRETS = 4;

    private final Optional<ContentSigner> sm2;

    /** HMAC-SM3 only. */
    public WebhookSigner() {
        this.sm2 = Optional.empty();
    }

    /** HMAC-SM3 and an SM2 signature verifiable with the gateway's public key. */
    public WebhookSigner(ContentSigner sm2) {
        this.sm2 = Optional.of(Objects.requireNonNull(sm2, "sm2"));
    }

    /**
     * @param timestamp unix seconds of this delivery attempt (a retry gets a new one)
     * @param body the exact bytes that will be sent
     * @param secrets the endpoint's secrets, current first; 1 to {@value #MAX_SECRETS}
     */
    public String signatureHeader(long timestamp, byte[] body, List<String> secrets) throws GeneralSecurityException {
        Objects.requireNonNull(body, "body");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative");
        }
        if (secrets == null || secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("between 1 and " + MAX_SECRETS + " secrets are required");
        }
        List<String> parts = new ArrayList<>();
        parts.add("t=" + timestamp);
        for (String secret : secrets) {
            parts.add("v1=" + HmacSm3Tags.hexTag(Objects.requireNonNull(secret, "secret"), timestamp, body));
        }
        if (sm2.isPresent()) {
            byte[] signature = sm2.get().sign(HmacSm3Tags.signedContent(timestamp, body));
            parts.add("sm2=" + Base64.getEncoder().encodeToString(signature));
        }
        return String.join(",", parts);
    }
}
