package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.alipay.AlipayResponse;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.ResponseVerifier;
import org.realname.gateway.provider.alipay.SignType;

class SandboxResponseWriterTest {

    private static final KeyPair PROVIDER = PemKeys.generateRsa();
    private final SandboxResponseWriter writer = new SandboxResponseWriter();
    private final ResponseVerifier verifier = new ResponseVerifier(SignType.RSA2, PROVIDER.getPublic(), new ObjectMapper());

    @Test
    void answer_isSignedOverRawObject_withRawUtf8_andVerifiesInTheClient() {
        String body = writer.write("m_response", SandboxReply.success(Map.of("fail_reason", "人脸比对不通过 a/b \"q\"")),
                SignType.RSA2, PROVIDER.getPrivate());
        assertTrue(body.startsWith("{\"m_response\":{\"code\":\"10000\",\"msg\":\"Success\""), body);
        assertTrue(body.contains("人脸比对不通过"), body);
        assertFalse(body.contains("\\u"), body);
        AlipayResponse r = verifier.verify("m", body);
        assertEquals("人脸比对不通过 a/b \"q\"", r.text("fail_reason").orElseThrow());
    }

    @Test
    void errors_alwaysCarrySubCode() {
        String body = writer.write("error_response", SandboxReply.invalid("isv.invalid-app-id", "x"), SignType.RSA2, PROVIDER.getPrivate());
        assertEquals("40002/isv.invalid-app-id", verifier.verify("m", body).providerCode());
    }

    @Test
    void corruptBehaviour_failsClientVerification() {
        String body = writer.write("m_response", SandboxReply.success(Map.of("passed", "T")).withCorruptSignature(),
                SignType.RSA2, PROVIDER.getPrivate());
        assertThrows(ProviderException.class, () -> verifier.verify("m", body));
    }

    @Test
    void sm2Answer_verifiesWithTheSm2KeyOnly() {
        KeyPair sm2 = PemKeys.generateSm2();
        String body = writer.write("m_response", SandboxReply.success(Map.of("passed", "T")), SignType.SM2, sm2.getPrivate());
        assertTrue(new ResponseVerifier(SignType.SM2, sm2.getPublic(), new ObjectMapper()).verify("m", body).isSuccess());
        assertThrows(ProviderException.class,
                () -> new ResponseVerifier(SignType.SM2, PemKeys.generateSm2().getPublic(), new ObjectMapper()).verify("m", body));
    }
}
