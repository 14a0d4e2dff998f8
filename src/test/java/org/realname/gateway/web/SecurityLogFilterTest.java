package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.realname.gateway.retention.SecurityLog;

class SecurityLogFilterTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void openedLink_takesTheSessionFromTheRedirect_neverTheToken() {
        SecurityLog.Event e = SecurityLogFilter.eventOf("GET", "/v/secret-token", 303, "/verify/" + ID, "127.0.0.1", "ua");
        assertEquals(new SecurityLog.Event(ID, "LINK_OPENED", 303, "127.0.0.1", "ua"), e);
        assertNull(SecurityLogFilter.eventOf("GET", "/v/secret-token", 404, null, "127.0.0.1", "ua").sessionId());
    }

    @Test
    void sessionPages_haveTheirKinds() {
        assertEquals("CONSENT_PAGE", SecurityLogFilter.eventOf("GET", "/verify/" + ID, 200, null, null, null).kind());
        assertEquals("CONSENT_SUBMITTED", SecurityLogFilter.eventOf("POST", "/verify/" + ID + "/consent", 302, null, null, null).kind());
        assertEquals("HANDOFF", SecurityLogFilter.eventOf("GET", "/verify/" + ID + "/handoff", 200, null, null, null).kind());
        assertEquals("PROVIDER_RETURN", SecurityLogFilter.eventOf("GET", "/verify/" + ID + "/return", 302, null, null, null).kind());
        assertEquals(ID, SecurityLogFilter.eventOf("GET", "/verify/" + ID + "/return", 403, null, null, null).sessionId());
    }

    @Test
    void otherPaths_andMalformedIds_areNotSessionRows() {
        assertNull(SecurityLogFilter.eventOf("GET", "/api/v1/verifications/" + ID, 200, null, null, null));
        assertNull(SecurityLogFilter.eventOf("GET", "/verify/" + ID + "/consent", 405, null, null, null));
        assertNull(SecurityLogFilter.eventOf("GET", "/demo", 200, null, null, null));
        assertNull(SecurityLogFilter.eventOf("GET", "/verify/not-an-id", 404, null, null, null).sessionId());
    }
}
