package org.realname.gateway.rights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

class RequesterTest {

    @Test
    void self_subjectIsTheAccount() {
        Requester r = Requester.self("default", "acct-1");
        assertEquals("acct-1", r.account());
        assertEquals("acct-1", r.actor());
        assertEquals("user", r.role());
        assertEquals("self-service", r.channel().stored());
    }

    @Test
    void self_subjectThatIsNoAccountId_isForbidden() {
        for (String subject : new String[] {null, "", "with space", "a".repeat(65), "张三"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> Requester.self("default", subject));
            assertEquals(ErrorCode.FORBIDDEN, e.code());
        }
    }

    @Test
    void onBehalf_invalidAccount_isInvalidRequest() {
        GatewayException e = assertThrows(GatewayException.class, () -> Requester.onBehalf("default", "a/b", "platform-client", "platform"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void onBehalf_oddSubject_becomesASafeActor() {
        Requester r = Requester.onBehalf("default", "acct-1", "client with spaces", "platform");
        assertEquals("platform", r.channel().stored());
        assertEquals(true, r.actor().startsWith("sha256:"));
    }

    @Test
    void limit_defaultsAndBounds() {
        assertEquals(100, Rights.parseLimit(null));
        assertEquals(500, Rights.parseLimit("500"));
        assertThrows(GatewayException.class, () -> Rights.parseLimit("501"));
        assertThrows(GatewayException.class, () -> Rights.parseLimit("1e3"));
    }
}
