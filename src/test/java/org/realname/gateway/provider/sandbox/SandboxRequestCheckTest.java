package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.RequestSigner;
import org.realname.gateway.provider.alipay.SignType;
import org.realname.gateway.provider.alipay.SignedRequest;

class SandboxRequestCheckTest {

    private static final KeyPair APP = PemKeys.generateRsa();
    private static final KeyPair APP_SM2 = PemKeys.generateSm2();
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final String APP_ID = "2021000000000001";
    private final SandboxRequestCheck check = new SandboxRequestCheck(APP_ID,
            Map.of(SignType.RSA2, APP.getPublic(), SignType.SM2, APP_SM2.getPublic()), Duration.ofMinutes(10), Set.of("m"));

    private static Map<String, String> signed(Instant at) {
        return signed(SignType.RSA2, APP.getPrivate(), at);
    }

    private static Map<String, String> signed(SignType type, PrivateKey key, Instant at) {
        SignedRequest r = new RequestSigner(APP_ID, type, key, Clock.fixed(at, ZoneOffset.UTC))
                .sign("m", "{\"certify_id\":\"a/b 张\"}");
        Map<String, String> all = new LinkedHashMap<>(r.query());
        all.putAll(r.body());
        return all;
    }

    private String subCode(Map<String, String> p) {
        return check.check(p, NOW).map(SandboxReply::subCode).orElse("ok");
    }

    @Test
    void correctlySignedMergedParams_pass() {
        assertTrue(check.check(signed(NOW), NOW).isEmpty());
    }

    @Test
    void sm2SignedRequest_isVerifiedWithTheAppsSm2Key() {
        assertEquals("ok", subCode(signed(SignType.SM2, APP_SM2.getPrivate(), NOW)));
    }

    @Test
    void sm2SignedWithAnUnregisteredKey_isInvalidSignature() {
        assertEquals("isv.invalid-signature", subCode(signed(SignType.SM2, PemKeys.generateSm2().getPrivate(), NOW)));
    }

    @Test
    void signTypeRelabelled_isInvalidSignature() {
        // sign_type is part of the string to sign, and the other type's key verifies nothing of this one's.
        Map<String, String> p = signed(SignType.SM2, APP_SM2.getPrivate(), NOW);
        p.put("sign_type", "RSA2");
        assertEquals("isv.invalid-signature", subCode(p));
    }

    @Test
    void signTypeWithNoRegisteredKey_isInvalidSignatureType() {
        SandboxRequestCheck rsaOnly = new SandboxRequestCheck(APP_ID, Map.of(SignType.RSA2, APP.getPublic()),
                Duration.ofMinutes(10), Set.of("m"));
        assertEquals("isv.invalid-signature-type", rsaOnly.check(signed(SignType.SM2, APP_SM2.getPrivate(), NOW), NOW)
                .map(SandboxReply::subCode).orElse("ok"));
    }

    @Test
    void mergeOfQueryAndBody_givesBackTheSignedValues() {
        SignedRequest r = new RequestSigner(APP_ID, SignType.RSA2, APP.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC))
                .sign("m", "{\"certify_id\":\"a/b 张+&=\"}");
        assertEquals("ok", subCode(SandboxParams.merge(r.queryString(), r.formBody())));
        assertEquals("ok", subCode(SandboxParams.merge(r.pageQueryString(), null)));
    }

    @Test
    void eachEnvelopeFault_hasItsSubCode() {
        Map<String, String> p = signed(NOW);
        p.remove("sign");
        assertEquals("isv.missing-signature", subCode(p));

        p = signed(NOW);
        p.put("app_id", "2021999999999999");
        assertEquals("isv.invalid-app-id", subCode(p));

        p = signed(NOW);
        p.put("sign_type", "RSA");
        assertEquals("isv.invalid-signature-type", subCode(p));

        p = signed(NOW);
        p.put("version", "2.0");
        assertEquals("isv.invalid-version", subCode(p));

        p = signed(NOW);
        p.put("method", "alipay.trade.pay");
        assertEquals("isv.invalid-method", subCode(p));

        p = signed(NOW);
        p.put("timestamp", "2024/06/01 08:00:00");
        assertEquals("isv.invalid-timestamp", subCode(p));

        p = signed(NOW);
        p.put("biz_content", "{\"certify_id\":\"other\"}");
        assertEquals("isv.invalid-signature", subCode(p));
    }

    @Test
    void timestampSkew_isEnforcedBothWays() {
        assertEquals("ok", subCode(signed(NOW.minus(Duration.ofMinutes(9)))));
        assertEquals("isv.invalid-timestamp", subCode(signed(NOW.minus(Duration.ofMinutes(11)))));
        assertEquals("isv.invalid-timestamp", subCode(signed(NOW.plus(Duration.ofMinutes(11)))));
    }
}
