package org.realname.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlatformRedirectTest {

    @Test
    void appendsToAUrlWithoutQuery() {
        assertEquals("https://p.example/done?verification_id=abc&status=PASSED",
                BrowserFlowService.platformRedirect("https://p.example/done", "abc", VerificationStatus.PASSED).toString());
    }

    @Test
    void keepsExistingQueryAndFragment() {
        assertEquals("https://p.example/done?x=1&verification_id=abc&status=FAILED#top",
                BrowserFlowService.platformRedirect("https://p.example/done?x=1#top", "abc", VerificationStatus.FAILED).toString());
    }
}
