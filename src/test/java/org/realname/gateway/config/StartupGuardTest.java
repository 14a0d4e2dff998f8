package org.realname.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupGuardTest {

    @Test
    void production_withDevIssuer_refusesToStart() {
        List<String> problems = StartupGuard.check(List.of("prod"), true, false, false);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("gateway.dev-issuer.enabled"));
    }

    @Test
    void production_withSandboxOrDemo_refusesToStart() {
        assertEquals(2, StartupGuard.check(List.of("prod"), false, true, true).size());
    }

    @Test
    void production_withoutDevelopmentParts_starts() {
        assertTrue(StartupGuard.check(List.of("prod"), false, false, false).isEmpty());
    }

    @Test
    void embeddedDefault_mayUseThem() {
        assertTrue(StartupGuard.check(List.of("dev"), true, true, true).isEmpty());
        assertTrue(StartupGuard.check(List.of("test"), true, true, true).isEmpty());
    }

    @Test
    void production_withAProviderProductWithoutLiveness_refusesToStart() {
        for (String weaker : new String[] { "SMART_FACE", "CERT_PHOTO", "face", "", "FACE " }) {
            List<String> problems = StartupGuard.checkLiveness(List.of("prod"), weaker);
            assertEquals(1, problems.size(), weaker);
            assertTrue(problems.get(0).contains("gateway.provider.alipay.biz-code"), weaker);
        }
        assertTrue(StartupGuard.checkLiveness(List.of("prod"), "FACE").isEmpty());
        assertTrue(StartupGuard.checkLiveness(List.of("prod"), "CERT_PHOTO_FACE").isEmpty());
        // The sandbox and tests may try the other products.
        assertTrue(StartupGuard.checkLiveness(List.of("dev"), "SMART_FACE").isEmpty());
    }

    @Test
    void production_withTheSandboxOrPlainHttpProvider_refusesToStart() {
        assertEquals(2, StartupGuard.checkProvider(List.of("prod"), java.net.URI.create("http://localhost:8080/sandbox/gateway.do")).size());
        assertTrue(StartupGuard.checkProvider(List.of("prod"), java.net.URI.create("https://openapi.alipay.com/gateway.do")).isEmpty());
        assertTrue(StartupGuard.checkProvider(List.of("dev"), java.net.URI.create("http://localhost:8080/sandbox/gateway.do")).isEmpty());
    }

    @Test
    void production_withAFaultPointArmed_refusesToStart() {
        List<String> problems = StartupGuard.checkFaultPoints(List.of("prod"), java.util.Optional.of("after-create"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("gateway.fault.halt-at"));
        assertTrue(StartupGuard.checkFaultPoints(List.of("prod"), java.util.Optional.empty()).isEmpty());
        assertTrue(StartupGuard.checkFaultPoints(List.of("crash-it"), java.util.Optional.of("after-create")).isEmpty());
    }
}
