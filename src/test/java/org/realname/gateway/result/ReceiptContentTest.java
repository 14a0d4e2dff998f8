package org.realname.gateway.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ReceiptContentTest {

    private static ReceiptContent receipt(String account, Instant at) {
        return new ReceiptContent("r1", "s1", account, "SIGNUP", "PASS", "alipay", "cert1", at, "c1", "ab12", "sign-v1");
    }

    @Test
    void canonicalForm_isFixed() {
        assertEquals("""
                realname-gateway-receipt/1
                result_id=r1
                session_id=s1
                account_id=alice
                purpose=SIGNUP
                outcome=PASS
                provider=alipay
                provider_reference=cert1
                verified_at=2026-11-23T09:38:54.812Z
                consent_id=c1
                id_number_index=ab12
                signing_key_id=sign-v1
                """, receipt("alice", Instant.parse("2026-11-23T09:38:54.812Z")).canonicalText());
    }

    @Test
    void timesAlwaysHaveThreeMillisecondDigits() {
        assertEquals(true, receipt("a", Instant.parse("2026-11-23T09:38:54Z")).canonicalText()
                .contains("verified_at=2026-11-23T09:38:54.000Z\n"));
        assertEquals(true, receipt("a", Instant.parse("2026-11-23T09:38:54.123456Z")).canonicalText()
                .contains("verified_at=2026-11-23T09:38:54.123Z\n"));
    }

    @Test
    void aLineBreakOrEqualsInAValue_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> receipt("alice\noutcome=PASS", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> receipt("a=b", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> receipt(null, Instant.now()));
    }

    @Test
    void aTimeOutsideYears1To9999_isRefused() {
        // Found by ReceiptContentFuzzTest: year 10000 was written "+10000-…", year 0 as "0000-…"
        // and neither read back by the documented layout, so a signature would cover a text that
        // names no receipt.
        assertThrows(IllegalArgumentException.class, () -> receipt("a", Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> receipt("a", Instant.parse("0000-12-31T23:59:59.999Z")));
        assertEquals(true, receipt("a", Instant.parse("9999-12-31T23:59:59.999Z")).canonicalText()
                .contains("verified_at=9999-12-31T23:59:59.999Z\n"));
        assertEquals(true, receipt("a", Instant.parse("0001-01-01T00:00:00Z")).canonicalText()
                .contains("verified_at=0001-01-01T00:00:00.000Z\n"));
    }
}
