package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final KeyPair KEYS = PemKeys.generateRsa();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-31T16:30:00Z"), ZoneOffset.UTC);
    private final RequestSigner signer = new RequestSigner("2021000000000001", SignType.RSA2, KEYS.getPrivate(), CLOCK);

    @Test
    void systemParams_goInQuery_bizContentInBody_timestampInGmt8() {
        SignedRequest r = signer.sign("alipay.user.certify.open.query", "{\"certify_id\":\"abc\"}");
        assertEquals(List.of("app_id", "charset", "format", "method", "sign_type", "timestamp", "version", "sign"),
                List.copyOf(r.query().keySet()));
        assertEquals("2024-06-01 00:30:00", r.query().get("timestamp"));
        assertEquals("RSA2", r.query().get("sign_type"));
        assertEquals(Map.of("biz_content", "{\"certify_id\":\"abc\"}"), r.body());
    }

    @Test
    void signature_coversQueryAndBody() {
        SignedRequest r = signer.sign("m", "{\"x\":\"张三 /\"}");
        Map<String, String> all = new LinkedHashMap<>(r.query());
        all.putAll(r.body());
        assertTrue(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), AlipaySignatures.stringToSign(all), r.query().get("sign")));
        all.put("biz_content", "{\"x\":\"李四 /\"}");
        assertFalse(AlipaySignatures.verify(SignType.RSA2, KEYS.getPublic(), AlipaySignatures.stringToSign(all), r.query().get("sign")));
    }

    @Test
    void pageQuery_carriesEveryParamEncodedWithSignLast() {
        SignedRequest r = signer.sign("alipay.user.certify.open.certify", "{\"certify_id\":\"abc\"}");
        String q = r.pageQueryString();
        assertTrue(q.contains("biz_content=%7B%22certify_id%22%3A%22abc%22%7D"), q);
        assertTrue(q.contains("timestamp=2024-06-01%2000%3A30%3A00"), q);
        String lastPair = q.substring(q.lastIndexOf('&') + 1);
        assertTrue(lastPair.startsWith("sign="), q);
        assertEquals(r.query().get("sign"), URLDecoder.decode(lastPair.substring(5), StandardCharsets.UTF_8));
    }

    @Test
    void toString_namesOnlyTheMethod() {
        SignedRequest r = signer.sign("m", "{\"cert_no\":\"11010519491231002X\"}");
        assertFalse(r.toString().contains("11010519491231002X"));
    }
}
