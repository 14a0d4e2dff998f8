package org.realname.gateway.webhook.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Receiver side: checks one webhook delivery the way {@code docs/webhooks.md} describes.
 * Copy this package ({@code org.realname.gateway.webhook.api}) or depend on it; it needs only
 * bcprov. In order:
 * <ol>
 *   <li>the {@value WebhookHeaders#SIGNATURE} header parses;</li>
 *   <li>its timestamp is within the tolerance (default 5 minutes) of the receiver's clock, both ways;</li>
 *   <li>some {@code v1} equals HMAC-SM3(secret, t + "." + raw body) for some configured secret,
 *       compared in constant time ({@link MessageDigest#isEqual}); during a rotation either
 *       secret may match;</li>
 *   <li>if the gateway's SM2 public key is configured: the {@code sm2} signature verifies
 *       (required if so configured);</li>
 *   <li>the signed body carries the header's event id ({@code "event_id":"<id>"}), so the
 *       unsigned header cannot be swapped to dodge the dedupe;</li>
 *   <li>the event id was not seen before ({@link SeenEvents}); it is remembered from now on.</li>
 * </ol>
 * Verify the raw bytes as received, before any JSON parsing. Thread-safe if the
 * {@link SeenEvents} is.
 */
public final class WebhookVerifier {

    /** The default timestamp tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** SM2's default distinguishing identifier, as the gateway signs with. */
    static final byte[] SM2_USER_ID = "1234567812345678".getBytes(UTF_8);
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // A private instance, never registered: works whatever else the receiver's JVM has installed.
    private static final Provider BC = new BouncyCastleProvider();

    private final List<String> secrets;
    private final SeenEvents seen;
    private final Duration tolerance;
    private final Clock clock;
    private final PublicKey gatewayKey;
    private final boolean requireSm2;

    private WebhookVerifier(Builder b) {
        this.secrets = List.copyOf(b.secrets);
        this.seen = b.seen;
        this.tolerance = b.tolerance;
        this.clock = b.clock;
        this.gatewayKey = b.gatewayKey;
        this.requireSm2 = b.requireSm2;
    }

    /**
     * @param secret the endpoint's secret as the gateway showed it ({@code whsec_...})
     * @param seen where accepted event ids are remembered
     */
    public static Builder builder(String secret, SeenEvents seen) {
        return new Builder(secret, seen);
    }

    /**
     * @param signatureHeader the {@value WebhookHeaders#SIGNATURE} header
     * @param eventIdHeader the {@value WebhookHeaders#EVENT_ID} header
     * @param rawBody the request body exactly as received
     * @throws WebhookVerificationException if any check fails; nothing is remembered then
     */
    public VerifiedEvent verify(String signatureHeader, String eventIdHeader, byte[] rawBody)
            throws WebhookVerificationException {
        Objects.requireNonNull(rawBody, "rawBody");
        SignatureHeader header = SignatureHeader.parse(signatureHeader);
        if (eventIdHeader == null || !EVENT_ID.matcher(eventIdHeader).matches()) {
            throw new WebhookVerificationException(RejectionReason.MALFORMED_EVENT_ID, "missing or malformed event id");
        }
        Instant signedAt = Instant.ofEpochSecond(header.timestamp());
        checkTimestamp(signedAt);
        checkHmac(header, rawBody);
        boolean sm2 = checkSm2(header, rawBody);
        String binding = "\"event_id\":\"" + eventIdHeader + "\"";
        if (!new String(rawBody, UTF_8).contains(binding)) {
            throw new WebhookVerificationException(RejectionReason.EVENT_ID_MISMATCH, "the body carries another event id");
        }
        // Kept until the timestamp check would refuse the delivery anyway.
        if (!seen.markSeen(eventIdHeader, signedAt.plus(tolerance))) {
            throw new WebhookVerificationException(RejectionReason.REPLAYED_EVENT, "event already received");
        }
        return new VerifiedEvent(eventIdHeader, signedAt, sm2);
    }

    private void checkTimestamp(Instant signedAt) throws WebhookVerificationException {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException(RejectionReason.STALE_TIMESTAMP, "older than " + tolerance);
        }
        if (signedAt.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException(RejectionReason.FUTURE_TIMESTAMP, "more than " + tolerance + " ahead");
        }
    }

    private void checkHmac(SignatureHeader header, byte[] body) throws WebhookVerificationException {
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = HmacSm3Tags.tag(secret, header.timestamp(), body);
            for (byte[] candidate : header.v1()) {
                // No early exit: the time taken does not depend on which value matched.
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!match) {
            throw new WebhookVerificationException(RejectionReason.SIGNATURE_MISMATCH, "no valid v1 signature");
        }
    }

    private boolean checkSm2(SignatureHeader header, byte[] body) throws WebhookVerificationException {
        if (gatewayKey == null) {
            return false;
        }
        if (header.sm2().isEmpty()) {
            if (requireSm2) {
                throw new WebhookVerificationException(RejectionReason.SM2_SIGNATURE_MISSING, "no sm2 signature");
            }
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SM3withSM2", BC);
            verifier.setParameter(new SM2ParameterSpec(SM2_USER_ID));
            verifier.initVerify(gatewayKey);
            verifier.update(HmacSm3Tags.signedContent(header.timestamp(), body));
            if (verifier.verify(header.sm2().get())) {
                return true;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a malformed signature is just an invalid one
        }
        throw new WebhookVerificationException(RejectionReason.SM2_SIGNATURE_INVALID, "sm2 signature does not verify");
    }

    /** Options of a {@link WebhookVerifier}. */
    public static final class Builder {

        private final List<String> secrets = new ArrayList<>();
        private final SeenEvents seen;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private PublicKey gatewayKey;
        private boolean requireSm2;

        private Builder(String secret, SeenEvents seen) {
            addSecret(secret);
            this.seen = Objects.requireNonNull(seen, "seen");
        }

        /** Another accepted secret: the old one while the gateway's rotation overlap lasts. */
        public Builder addSecret(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("secret must not be empty");
            }
            secrets.add(secret);
            return this;
        }

        /** Timestamp tolerance, both ways; default 5 minutes. */
        public Builder tolerance(Duration tolerance) {
            if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
                throw new IllegalArgumentException("tolerance must be positive");
            }
            this.tolerance = tolerance;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Check the {@code sm2} signature with the gateway's SM2 public key (from its published
         * certificate); with {@code required}, a delivery without one is refused.
         */
        public Builder gatewayPublicKey(PublicKey key, boolean required) {
            this.gatewayKey = Objects.requireNonNull(key, "key");
            this.requireSm2 = required;
            return this;
        }

        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
