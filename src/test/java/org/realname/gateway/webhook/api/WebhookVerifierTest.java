package org.realname.gateway.webhook.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.realname.gateway.crypto.Sm2KeyPairs;
import org.realname.gateway.crypto.Sm2Signer;

/** The documented receiver recipe, mostly its refusals. */
class WebhookVerifierTest {

    static final String SECRET = "whsec_current-secret-for-tests-0123456789abcdef";
    static final String OLD_SECRET = "whsec_previous-secret-for-tests-0123456789abcd";
    static final String EVENT = "evt_0123456789abcdef0123456789abcdef";
    static final long T = 1_800_000_000L;
    static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(T + 10), ZoneOffset.UTC);

    static byte[] body(String eventId) {
        return ("{\"event_id\":\"" + eventId + "\",\"type\":\"verification.passed\",\"data\":{\"verification_id\":\"v1\"}}")
                .getBytes(UTF_8);
    }

    static WebhookVerifier verifier() {
        return WebhookVerifier.builder(SECRET, new InMemorySeenEvents(100, NOW)).clock(NOW).build();
    }

    static String header(long t, byte[] body, String... secrets) throws Exception {
        return new WebhookSigner().signatureHeader(t, body, List.of(secrets));
    }

    static RejectionReason refusal(WebhookVerifier v, String header, String eventId, byte[] body) {
        return assertThrows(WebhookVerificationException.class, () -> v.verify(header, eventId, body)).reason();
    }

    @Test
    void validDelivery_passes() throws Exception {
        VerifiedEvent event = verifier().verify(header(T, body(EVENT), SECRET), EVENT, body(EVENT));
        assertEquals(EVENT, event.eventId());
        assertEquals(Instant.ofEpochSecond(T), event.signedAt());
        assertFalse(event.sm2Verified());
    }

    @Test
    void tamperedBody_isRefused() throws Exception {
        byte[] tampered = new String(body(EVENT), UTF_8).replace("passed", "failed").getBytes(UTF_8);
        assertEquals(RejectionReason.SIGNATURE_MISMATCH, refusal(verifier(), header(T, body(EVENT), SECRET), EVENT, tampered));
    }

    @Test
    void changedTimestampWithOldTag_isRefused() throws Exception {
        String moved = header(T, body(EVENT), SECRET).replace("t=" + T, "t=" + (T + 1));
        assertEquals(RejectionReason.SIGNATURE_MISMATCH, refusal(verifier(), moved, EVENT, body(EVENT)));
    }

    @Test
    void wrongSecret_isRefused() throws Exception {
        assertEquals(RejectionReason.SIGNATURE_MISMATCH,
                refusal(verifier(), header(T, body(EVENT), "whsec_someone-elses-secret-000000000000000"), EVENT, body(EVENT)));
    }

    @Test
    void staleTimestamp_isRefused() throws Exception {
        long stale = T + 10 - Duration.ofMinutes(5).toSeconds() - 1;
        assertEquals(RejectionReason.STALE_TIMESTAMP, refusal(verifier(), header(stale, body(EVENT), SECRET), EVENT, body(EVENT)));
    }

    @Test
    void timestampAtTheToleranceEdge_passes() throws Exception {
        long edge = T + 10 - Duration.ofMinutes(5).toSeconds();
        verifier().verify(header(edge, body(EVENT), SECRET), EVENT, body(EVENT));
    }

    @Test
    void futureTimestampBeyondTolerance_isRefused() throws Exception {
        long future = T + 10 + Duration.ofMinutes(5).toSeconds() + 1;
        assertEquals(RejectionReason.FUTURE_TIMESTAMP, refusal(verifier(), header(future, body(EVENT), SECRET), EVENT, body(EVENT)));
    }

    @Test
    void configuredTolerance_applies() throws Exception {
        WebhookVerifier strict = WebhookVerifier.builder(SECRET, new InMemorySeenEvents(10, NOW)).clock(NOW)
                .tolerance(Duration.ofSeconds(5)).build();
        assertEquals(RejectionReason.STALE_TIMESTAMP, refusal(strict, header(T, body(EVENT), SECRET), EVENT, body(EVENT)));
    }

    @Test
    void replayedEventId_isRefused() throws Exception {
        WebhookVerifier v = verifier();
        String h = header(T, body(EVENT), SECRET);
        v.verify(h, EVENT, body(EVENT));
        assertEquals(RejectionReason.REPLAYED_EVENT, refusal(v, h, EVENT, body(EVENT)));
        // A re-signed retry of the same event (new timestamp) is a repeat too.
        assertEquals(RejectionReason.REPLAYED_EVENT, refusal(v, header(T + 5, body(EVENT), SECRET), EVENT, body(EVENT)));
    }

    @Test
    void swappedEventIdHeader_isRefused_soTheDedupeCannotBeDodged() throws Exception {
        String other = "evt_ffffffffffffffffffffffffffffffff";
        assertEquals(RejectionReason.EVENT_ID_MISMATCH, refusal(verifier(), header(T, body(EVENT), SECRET), other, body(EVENT)));
    }

    @Test
    void refusedDelivery_isNotRemembered() throws Exception {
        WebhookVerifier v = verifier();
        refusal(v, header(T, body(EVENT), "whsec_someone-elses-secret-000000000000000"), EVENT, body(EVENT));
        v.verify(header(T, body(EVENT), SECRET), EVENT, body(EVENT));
    }

    @Test
    void malformedHeaders_areRefused() throws Exception {
        String tag = header(T, body(EVENT), SECRET).substring(("t=" + T + ",v1=").length());
        for (String bad : new String[] {null, "", "garbage", "v1=" + tag, "t=" + T, "t=abc,v1=" + tag,
                "t=" + T + ",t=" + T + ",v1=" + tag, "t=" + T + ",v1=" + tag.toUpperCase(), "t=" + T + ",v1=" + tag + "00",
                "t=" + T + ",v1=" + tag + ",sm2=***", "t=" + T + ",,v1=" + tag, "t=" + T + ",v1=" + tag + ",x".repeat(600)}) {
            assertEquals(RejectionReason.MALFORMED_HEADER, refusal(verifier(), bad, EVENT, body(EVENT)), String.valueOf(bad));
        }
    }

    @Test
    void malformedEventId_isRefused() throws Exception {
        String h = header(T, body(EVENT), SECRET);
        assertEquals(RejectionReason.MALFORMED_EVENT_ID, refusal(verifier(), h, null, body(EVENT)));
        assertEquals(RejectionReason.MALFORMED_EVENT_ID, refusal(verifier(), h, "evt \"x", body(EVENT)));
    }

    @Test
    void unknownSchemes_areSkipped() throws Exception {
        verifier().verify(header(T, body(EVENT), SECRET) + ",v2=abc", EVENT, body(EVENT));
    }

    @Test
    void twoV1Values_oneValid_passes_inEitherOrder() throws Exception {
        WebhookVerifier oldOnly = WebhookVerifier.builder(OLD_SECRET, new InMemorySeenEvents(10, NOW)).clock(NOW).build();
        oldOnly.verify(header(T, body(EVENT), SECRET, OLD_SECRET), EVENT, body(EVENT));
        verifier().verify(header(T, body(EVENT), OLD_SECRET, SECRET), EVENT, body(EVENT));
    }

    @Test
    void receiverWithBothSecrets_acceptsEither() throws Exception {
        WebhookVerifier both = WebhookVerifier.builder(SECRET, new InMemorySeenEvents(10, NOW)).addSecret(OLD_SECRET)
                .clock(NOW).build();
        both.verify(header(T, body(EVENT), OLD_SECRET), EVENT, body(EVENT));
    }

    @Test
    void sm2Signature_verifiesWithTheGatewayPublicKey_andFailsWhenTampered() throws Exception {
        KeyPair gateway = Sm2KeyPairs.generate();
        Sm2Signer signer = new Sm2Signer(gateway.getPrivate());
        String h = new WebhookSigner(signer::sign).signatureHeader(T, body(EVENT), List.of(SECRET));
        assertTrue(h.contains(",sm2="));
        WebhookVerifier v = WebhookVerifier.builder(SECRET, new InMemorySeenEvents(10, NOW)).clock(NOW)
                .gatewayPublicKey(gateway.getPublic(), true).build();
        assertTrue(v.verify(h, EVENT, body(EVENT)).sm2Verified());

        // Same HMAC, another SM2 signature (over another timestamp): the SM2 check alone refuses it.
        String otherSm2 = new WebhookSigner(signer::sign).signatureHeader(T + 1, body(EVENT), List.of(SECRET));
        String mixed = h.substring(0, h.indexOf(",sm2=")) + otherSm2.substring(otherSm2.indexOf(",sm2="));
        WebhookVerifier fresh = WebhookVerifier.builder(SECRET, new InMemorySeenEvents(10, NOW)).clock(NOW)
                .gatewayPublicKey(gateway.getPublic(), true).build();
        assertEquals(RejectionReason.SM2_SIGNATURE_INVALID, refusal(fresh, mixed, EVENT, body(EVENT)));
        // Signed by another key.
        String foreign = new WebhookSigner(new Sm2Signer(Sm2KeyPairs.generate().getPrivate())::sign)
                .signatureHeader(T, body(EVENT), List.of(SECRET));
        assertEquals(RejectionReason.SM2_SIGNATURE_INVALID, refusal(fresh, foreign, EVENT, body(EVENT)));
    }

    @Test
    void requiredSm2Signature_missing_isRefused() throws Exception {
        WebhookVerifier v = WebhookVerifier.builder(SECRET, new InMemorySeenEvents(10, NOW)).clock(NOW)
                .gatewayPublicKey(Sm2KeyPairs.generate().getPublic(), true).build();
        assertEquals(RejectionReason.SM2_SIGNATURE_MISSING, refusal(v, header(T, body(EVENT), SECRET), EVENT, body(EVENT)));
    }

    @Test
    void inMemorySeenEvents_isBounded_andForgetsExpiredIds() {
        InMemorySeenEvents seen = new InMemorySeenEvents(2, NOW);
        Instant later = NOW.instant().plusSeconds(60);
        assertTrue(seen.markSeen("a", later));
        assertTrue(seen.markSeen("b", later));
        assertFalse(seen.markSeen("b", later));
        assertTrue(seen.markSeen("c", later));
        assertEquals(2, seen.size());
        InMemorySeenEvents expiring = new InMemorySeenEvents(10, NOW);
        expiring.markSeen("old", NOW.instant().minusSeconds(1));
        assertTrue(expiring.markSeen("new", later));
        assertEquals(1, expiring.size());
    }
}
