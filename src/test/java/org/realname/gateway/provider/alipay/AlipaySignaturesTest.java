package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AlipaySignaturesTest {

    private static final KeyPair KEYS = PemKeys.generateRsa();

    @Test
    void stringToSign_sortsKeysDropsEmptyAndSignKeepsSignType() {
        Map<String, String> p = new HashMap<>();
        p.put("timestamp", "2024-01-02 03:04:05");
        p.put("app_id", "2021000000000001");
        p.put("sign", "ignored");
        p.put("sign_type", "RSA2");
        p.put("notify_url", "");
        p.put("return_url", null);
        p.put("biz_content", "{\"a\":\"b c/d\"}");
        p.put("Z", "upper case sorts first");

        assertEquals("Z=upper case sorts first&app_id=2021000000000001&biz_content={\"a\":\"b c/d\"}"
                + "&sign_type=RSA2&timestamp=2024-01-02 03:04:05", AlipaySignatures.stringToSign(p));
    }

    @Test
    void signThenVerify_roundTrips() {
        String content = "app_id=1&biz_content={\"cert_name\":\"张三\"}";
        String sign = AlipaySignatures.sign(SignType.RSA2, KEYS.getPrivate(), content);
        assertEquals(256, Base64.getDecoder().decode(sign).length, "RSA 2048 signature length");
        assertTrue(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), content, sign));
    }

    @Test
    void tamperedValue_failsVerification() {
        String sign = AlipaySignatures.sign(SignType.RSA2, KEYS.getPrivate(), "a=1&b=2");
        assertFalse(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), "a=1&b=3", sign));
    }

    @Test
    void otherKey_failsVerification() {
        String sign = AlipaySignatures.sign(SignType.RSA2, KEYS.getPrivate(), "a=1");
        assertFalse(AlipaySignatures.verify(SignType.RSA2, PemKeys.generateRsa().getPublic(), "a=1", sign));
    }

    @Test
    void missingOrGarbageSignature_failsVerification() {
        assertFalse(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), "a=1", null));
        assertFalse(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), "a=1", ""));
        assertFalse(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), "a=1", "not base64 at all!"));
    }

    @Test
    void legacyRsaSignType_isUnknown() {
        assertTrue(SignType.fromProtocol("RSA").isEmpty());
        assertEquals(SignType.RSA2, SignType.fromProtocol("RSA2").orElseThrow());
    }
}
