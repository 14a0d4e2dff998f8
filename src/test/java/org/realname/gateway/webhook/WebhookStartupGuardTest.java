package org.realname.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookStartupGuardTest {

    @Test
    void production_refusesALoosenedSsrfGuard() {
        assertEquals(2, WebhookStartupGuard.check(List.of("prod"), false, true).size());
        assertEquals(1, WebhookStartupGuard.check(List.of("prod"), true, true).size());
        assertEquals(1, WebhookStartupGuard.check(List.of("prod"), false, false).size());
    }

    @Test
    void production_withTheDefaults_starts() {
        assertTrue(WebhookStartupGuard.check(List.of("prod"), true, false).isEmpty());
    }

    @Test
    void embeddedDefaultAndTests_mayLoosenIt() {
        assertTrue(WebhookStartupGuard.check(List.of("test"), false, true).isEmpty());
        assertTrue(WebhookStartupGuard.check(List.of(), false, true).isEmpty());
    }
}
