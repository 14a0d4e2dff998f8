package org.realname.gateway.provider.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The sandbox's magic ID numbers that need short timeouts to test quickly, end to end through
 * the gateway (the fast ones are in ErrorCasesTest): each gives its documented session outcome.
 */
@QuarkusTest
@TestProfile(SandboxMagicOutcomesTest.ShortTimeouts.class)
class SandboxMagicOutcomesTest {

    public static final class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.sandbox.slow-query-delay", "4s",
                    "gateway.provider.alipay.read-timeout", "1s");
        }
    }

    @Test
    void expiredCertifyId_endsExpired() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", "110101190001010057"));
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "EXPIRED");
        assertEquals("EXPIRED", Api.status(platform, c.id()));
    }

    @Test
    void slowQuery_beyondTheClientTimeout_leavesThePendingSessionForLater() {
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", "110101190001010049"));
        long t0 = System.nanoTime();
        Api.assertRedirectStatus(Api.completeFlow(c.redirectUrl(), "pass"), c.id(), "PENDING");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals("PENDING", Api.status(platform, c.id()));
        assertTrue(seconds < 30, "bounded by the client timeouts, not the provider's stall: " + seconds + " s");
    }
}
