package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome;
import org.realname.gateway.provider.ProviderOutcome.Verdict;

class QueryOutcomesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AlipayResponse success(String passedJson) {
        return new AlipayResponse("10000", null, Map.of("passed", json(passedJson)));
    }

    private static AlipayResponse error(String code, String subCode) {
        return new AlipayResponse(code, subCode, Map.of());
    }

    @Test
    void parsePassed_acceptsTextAndOldArrayForm() {
        assertEquals(Optional.of(true), QueryOutcomes.parsePassed(json("\"T\"")));
        assertEquals(Optional.of(false), QueryOutcomes.parsePassed(json("\"F\"")));
        assertEquals(Optional.of(true), QueryOutcomes.parsePassed(json("[\"T\"]")));
        assertEquals(Optional.of(false), QueryOutcomes.parsePassed(json("[\"F\"]")));
    }

    @Test
    void parsePassed_refusesAnythingElse() {
        assertEquals(Optional.empty(), QueryOutcomes.parsePassed(null));
        assertEquals(Optional.empty(), QueryOutcomes.parsePassed(json("\"t\"")));
        assertEquals(Optional.empty(), QueryOutcomes.parsePassed(json("true")));
        assertEquals(Optional.empty(), QueryOutcomes.parsePassed(json("[\"T\",\"F\"]")));
        assertEquals(Optional.empty(), QueryOutcomes.parsePassed(json("[]")));
    }

    @Test
    void successPassedT_isPassed() {
        assertEquals(Verdict.PASSED, QueryOutcomes.map(success("\"T\"")).verdict());
        assertEquals(Verdict.PASSED, QueryOutcomes.map(success("[\"T\"]")).verdict());
    }

    @Test
    void successPassedF_isFailed() {
        assertEquals(Verdict.FAILED, QueryOutcomes.map(success("\"F\"")).verdict());
    }

    @Test
    void successWithoutPassed_isRefused() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> QueryOutcomes.map(new AlipayResponse("10000", null, Map.of())));
        assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
    }

    @Test
    void certifyIdExpired_isExpired() {
        assertEquals(new ProviderOutcome(Verdict.EXPIRED, "CERTIFY_ID_EXPIRED"),
                QueryOutcomes.map(error("40004", "CERTIFY_ID_EXPIRED")));
    }

    @Test
    void otherBusinessFailure_isPending() {
        assertEquals(new ProviderOutcome(Verdict.PENDING, "CERTIFY_NOT_FINISH"),
                QueryOutcomes.map(error("40004", "CERTIFY_NOT_FINISH")));
    }

    @Test
    void serviceUnavailable_isUnavailable() {
        ProviderException e = assertThrows(ProviderException.class, () -> QueryOutcomes.map(error("20000", "isp.unknow-error")));
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, e.code());
        assertEquals("20000/isp.unknow-error", e.providerCode());
    }

    @Test
    void otherErrors_areRefusedWithCodeAndSubCode() {
        for (String[] c : new String[][] {{"40002", "isv.invalid-signature"}, {"40006", "isv.insufficient-isv-permissions"},
                {"40001", "isv.missing-app-id"}, {"10000", "odd"}}) {
            ProviderException e = assertThrows(ProviderException.class, () -> QueryOutcomes.map(error(c[0], c[1])));
            assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
            assertEquals(c[0] + "/" + c[1], e.providerCode());
        }
    }
}
