package org.realname.gateway.webhook.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.realname.gateway.crypto.GmProvider;
import org.realname.gateway.provider.alipay.PemKeys;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The receiver side of webhook signatures:
 * <ul>
 *   <li>any {@code Realname-Signature} header parses or is refused as {@code MALFORMED_HEADER};
 *       a parsed header has one timestamp and 1 to 4 tags of 32 bytes;</li>
 *   <li>what {@link WebhookSigner} writes parses back to the same timestamp, tags and SM2
 *       signature, and {@link WebhookVerifier} accepts it once (then as a replay, never again);</li>
 *   <li>any single change to the header, event id or body is refused with a reason, unless it
 *       leaves what is checked the same (a tag is compared as bytes, a header element's key
 *       may carry spaces).</li>
 * </ul>
 */
class WebhookSignatureFuzzTest {

    private static final KeyPair GATEWAY = PemKeys.generateSm2();
    private static final long NOW = 1_764_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @FuzzTest
    void anyHeaderParsesOrIsMalformed(byte[] input) {
        String header = new String(input, UTF_8);
        SignatureHeader parsed;
        try {
            parsed = SignatureHeader.parse(header);
        } catch (WebhookVerificationException e) {
            assertEquals(RejectionReason.MALFORMED_HEADER, e.reason());
            return;
        }
        assertTrue(parsed.timestamp() >= 0, "the timestamp is unix seconds");
        assertTrue(!parsed.v1().isEmpty() && parsed.v1().size() <= WebhookSigner.MAX_SECRETS, "1 to 4 tags");
        parsed.v1().forEach(tag -> assertEquals(32, tag.length, "a tag is an SM3 value"));
    }

    @FuzzTest
    void signedDeliveryVerifiesOnceAndAnyChangeIsRefused(FuzzedDataProvider data) throws Exception {
        int secretCount = data.consumeInt(1, WebhookSigner.MAX_SECRETS);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < secretCount; i++) {
            secrets.add("whsec_" + data.consumeAsciiString(40) + i);
        }
        boolean sm2 = data.consumeBoolean();
        long timestamp = NOW + data.consumeLong(-300, 300);
        String eventId = "evt_" + HexFormat.of().formatHex(data.consumeBytes(16)) + "x";
        byte[] body = ("{\"event_id\":\"" + eventId + "\",\"data\":" + quoted(data.consumeString(64)) + "}").getBytes(UTF_8);
        WebhookSigner signer = sm2 ? new WebhookSigner(WebhookSignatureFuzzTest::sm2) : new WebhookSigner();
        String header = signer.signatureHeader(timestamp, body, secrets);

        SignatureHeader parsed = SignatureHeader.parse(header);
        assertEquals(timestamp, parsed.timestamp());
        assertEquals(secrets.size(), parsed.v1().size());
        for (int i = 0; i < secrets.size(); i++) {
            assertArrayEquals(HmacSm3Tags.tag(secrets.get(i), timestamp, body), parsed.v1().get(i));
        }
        assertEquals(sm2, parsed.sm2().isPresent());

        // The receiver knows one of the secrets (the current or, during a rotation, the old one).
        String known = secrets.get(data.consumeInt(0, secrets.size() - 1));
        WebhookVerifier verifier = receiver(known, sm2 && data.consumeBoolean());
        String changedHeader = header;
        String changedId = eventId;
        byte[] changedBody = body;
        switch (data.consumeInt(0, 3)) {
            case 0 -> changedHeader = changeOne(header, data);
            case 1 -> changedId = changeOne(eventId, data);
            case 2 -> changedBody = changeOne(new String(body, UTF_8), data).getBytes(UTF_8);
            default -> {
                // unchanged
            }
        }
        boolean same = changedHeader.equals(header) && changedId.equals(eventId) && Arrays.equals(changedBody, body);
        try {
            VerifiedEvent event = verifier.verify(changedHeader, changedId, changedBody);
            if (!same) {
                assertArrayEquals(body, changedBody, "a changed body is never accepted");
                assertEquals(eventId, event.eventId(), "a changed event id is never accepted");
                assertEquals(timestamp, event.signedAt().getEpochSecond(), "a changed timestamp is never accepted");
            }
            assertEquals(sm2 && verifierHasKey(verifier), event.sm2Verified());
        } catch (WebhookVerificationException e) {
            if (same) {
                fail("an unchanged delivery was refused: " + e.reason());
            }
            assertNotEquals(null, e.reason());
            return;
        }
        try {
            verifier.verify(changedHeader, changedId, changedBody);
            fail("a delivery was accepted twice");
        } catch (WebhookVerificationException e) {
            assertEquals(RejectionReason.REPLAYED_EVENT, e.reason());
        }
    }

    private static WebhookVerifier receiver(String secret, boolean checkSm2) {
        WebhookVerifier.Builder b = WebhookVerifier.builder(secret, new InMemorySeenEvents(16, CLOCK)).clock(CLOCK);
        if (checkSm2) {
            b.gatewayPublicKey(GATEWAY.getPublic(), true);
        }
        return b.build();
    }

    private static boolean verifierHasKey(WebhookVerifier verifier) {
        try {
            var f = WebhookVerifier.class.getDeclaredField("gatewayKey");
            f.setAccessible(true);
            return f.get(verifier) != null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One character replaced, inserted or removed at a fuzzed place. */
    private static String changeOne(String s, FuzzedDataProvider data) {
        int at = data.consumeInt(0, s.length());
        char c = data.consumeChar();
        return switch (data.consumeInt(0, 2)) {
            case 0 -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s + c;
            case 1 -> s.substring(0, at) + c + s.substring(at);
            default -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
        };
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\' || cp < 0x20) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    private static byte[] sm2(byte[] content) throws GeneralSecurityException {
        Signature s = GmProvider.signature("SM3withSM2");
        s.setParameter(new SM2ParameterSpec(WebhookVerifier.SM2_USER_ID));
        s.initSign(GATEWAY.getPrivate());
        s.update(content);
        return s.sign();
    }
}
