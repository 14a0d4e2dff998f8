package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.ProviderException;

class ResponseVerifierTest {

    private static final KeyPair PROVIDER = PemKeys.generateRsa();
    private static final String QUERY = "alipay.user.certify.open.query";
    private static final String ROOT = "alipay_user_certify_open_query_response";
    private final ResponseVerifier verifier = new ResponseVerifier(SignType.RSA2, PROVIDER.getPublic(), new ObjectMapper());

    private static String signed(String root, String raw) {
        return "{\"" + root + "\":" + raw + ",\"sign\":\"" + AlipaySignatures.sign(SignType.RSA2, PROVIDER.getPrivate(), raw) + "\"}";
    }

    @Test
    void extractRaw_keepsNestedObjectsAndBracesInStrings() {
        String raw = "{\"code\":\"10000\",\"a\":{\"b\":{\"c\":\"}}{\"}},\"d\":\"x\"}";
        assertEquals(Optional.of(raw), ResponseVerifier.extractRaw("{\"" + ROOT + "\":" + raw + ",\"sign\":\"s\"}", ROOT));
    }

    @Test
    void extractRaw_handlesEscapedQuotesAndBackslashes() {
        String raw = "{\"msg\":\"say \\\"}\\\" and \\\\\",\"url\":\"https:\\/\\/x\\/y\"}";
        assertEquals(Optional.of(raw), ResponseVerifier.extractRaw("{\"" + ROOT + "\" : " + raw + ",\"sign\":\"s\"}", ROOT));
    }

    @Test
    void extractRaw_missingRootOrUnterminated_isEmpty() {
        assertTrue(ResponseVerifier.extractRaw("{\"other_response\":{}}", ROOT).isEmpty());
        assertTrue(ResponseVerifier.extractRaw("{\"" + ROOT + "\":{\"a\":\"}\"", ROOT).isEmpty());
        assertTrue(ResponseVerifier.extractRaw("{\"" + ROOT + "\":\"text\"}", ROOT).isEmpty());
    }

    @Test
    void signedSuccess_isAcceptedAndIdentityMaterialDropped() {
        String raw = "{\"code\":\"10000\",\"msg\":\"Success\",\"passed\":\"T\",\"identity_info\":\"{}\",\"material_info\":\"{}\"}";
        AlipayResponse r = verifier.verify(QUERY, signed(ROOT, raw));
        assertTrue(r.isSuccess());
        assertEquals("T", r.text("passed").orElseThrow());
        assertFalse(r.fields().containsKey("identity_info"));
        assertFalse(r.fields().containsKey("material_info"));
    }

    @Test
    void signatureOverRawTextWithEscapedSlashesAndRawUtf8_verifies() {
        String raw = "{\"code\":\"10000\",\"msg\":\"Success\",\"fail_reason\":\"认证 \\/ 失败\",\"passed\":\"F\"}";
        assertEquals("F", verifier.verify(QUERY, signed(ROOT, raw)).text("passed").orElseThrow());
    }

    @Test
    void unsignedSuccess_isRejectedAsBadSignature() {
        String body = "{\"" + ROOT + "\":{\"code\":\"10000\",\"msg\":\"Success\",\"passed\":\"T\"}}";
        assertBadSignature(body);
    }

    @Test
    void tamperedSuccess_isRejectedAsBadSignature() {
        String body = signed(ROOT, "{\"code\":\"10000\",\"msg\":\"Success\",\"passed\":\"F\"}").replace("\"F\"", "\"T\"");
        assertBadSignature(body);
    }

    @Test
    void successSignedByAnotherKey_isRejected() {
        String raw = "{\"code\":\"10000\",\"passed\":\"T\"}";
        String body = "{\"" + ROOT + "\":" + raw + ",\"sign\":\""
                + AlipaySignatures.sign(SignType.RSA2, PemKeys.generateRsa().getPrivate(), raw) + "\"}";
        assertBadSignature(body);
    }

    @Test
    void unsignedError_isAcceptedAsError() {
        String body = "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-app-id\",\"sub_msg\":\"x\"}}";
        AlipayResponse r = verifier.verify(QUERY, body);
        assertFalse(r.isSuccess());
        assertEquals("40002/isv.invalid-app-id", r.providerCode());
    }

    @Test
    void unsignedError_withTextForACode_isMalformed() {
        // Anyone on the path can answer an unsigned error; its codes reach logs and session rows.
        for (String code : new String[] {"40002\\r\\nINFO forged line", "张三 11010519491231002X", "\\u001b[31m", "a b"}) {
            String body = "{\"error_response\":{\"code\":\"40002\",\"sub_code\":\"" + code + "x\"}}";
            ProviderException e = assertThrows(ProviderException.class, () -> verifier.verify(QUERY, body));
            assertEquals(ResponseVerifier.MALFORMED, e.providerCode());
            assertFalse(e.getMessage().contains("11010519491231002X") || e.getMessage().contains("forged"));
        }
        String objectCode = "{\"error_response\":{\"code\":{\"a\":1},\"sub_code\":\"isv.x\"}}";
        assertEquals(ResponseVerifier.MALFORMED,
                assertThrows(ProviderException.class, () -> verifier.verify(QUERY, objectCode)).providerCode());
    }

    @Test
    void signedErrorWithWrongSignature_isRejected() {
        String body = signed(ROOT, "{\"code\":\"40004\",\"sub_code\":\"CERTIFY_NOT_FINISH\"}").replace("NOT_FINISH", "ID_EXPIRED");
        assertBadSignature(body);
    }

    @Test
    void notJsonOrNoResponseObject_isMalformed() {
        ProviderException e = assertThrows(ProviderException.class, () -> verifier.verify(QUERY, "<html>502 Bad Gateway</html>"));
        assertEquals(ResponseVerifier.MALFORMED, e.providerCode());
        assertFalse(e.getMessage().contains("html"));
    }

    private void assertBadSignature(String body) {
        ProviderException e = assertThrows(ProviderException.class, () -> verifier.verify(QUERY, body));
        assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
        assertEquals(ResponseVerifier.BAD_SIGNATURE, e.providerCode());
    }
}
