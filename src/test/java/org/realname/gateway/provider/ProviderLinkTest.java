package org.realname.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.provider.ScriptedProvider.Step;
import org.realname.gateway.support.TestIds;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The provider link against a scripted provider: breakers open only on unavailability, fail fast
 * with a retry hint while open and close after a good probe; queries are retried, initialize is
 * not; a stalled provider is cut by the timeouts.
 */
@QuarkusTest
@TestProfile(ProviderLinkTest.ScriptedProviderProfile.class)
class ProviderLinkTest {

    static final Duration BREAKER_DELAY = Duration.ofMillis(1000);

    /** The scripted provider instead of the Alipay client, and small, explicit fault-tolerance values. */
    public static final class ScriptedProviderProfile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedProvider.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>();
            // Unused, the Alipay client would be removed and its settings rejected as unknown.
            c.put("quarkus.arc.unremovable-types", "org.realname.gateway.provider.alipay.AlipayProvider");
            for (String method : new String[] { "start", "query" }) {
                String cb = key(method, "circuit-breaker.");
                c.put(cb + "request-volume-threshold", "4");
                c.put(cb + "failure-ratio", "1.0");
                c.put(cb + "delay", String.valueOf(BREAKER_DELAY.toMillis()));
                c.put(cb + "delay-unit", "millis");
                c.put(cb + "success-threshold", "1");
            }
            c.put(key("start", "timeout.value"), "300");
            c.put(key("start", "timeout.unit"), "millis");
            c.put(key("query", "timeout.value"), "400");
            c.put(key("query", "timeout.unit"), "millis");
            c.put(key("query", "retry.max-retries"), "2");
            c.put(key("query", "retry.delay"), "100");
            c.put(key("query", "retry.jitter"), "0");
            // Three stalled attempts would take about 1.4 s: the outer bound must cut them first.
            c.put(key("fetchOutcome", "timeout.value"), "800");
            c.put(key("fetchOutcome", "timeout.unit"), "millis");
            return c;
        }

        private static String key(String method, String property) {
            return "quarkus.fault-tolerance.\"org.realname.gateway.provider.GuardedProvider/" + method + "\"." + property;
        }
    }

    @Inject
    ProviderLink link;

    /**
     * Looked up, not injected: Quarkus checks the injection points of every test class in every
     * profile, and outside this one the scripted provider is not a bean.
     */
    ScriptedProvider provider;

    @BeforeEach
    void closeBreakers() {
        provider = Arc.container().instance(ScriptedProvider.class).get();
        CircuitBreakerMaintenance.get().resetAll();
        provider.script(Step.OK);
    }

    static VerificationStart request() {
        return new VerificationStart(org.realname.gateway.util.Ids.newId(), PersonName.parse("张三"),
                IdNumber.parse(TestIds.random()), URI.create("http://localhost/verify/x/return"));
    }

    static CircuitBreakerState state(String breaker) {
        return CircuitBreakerMaintenance.get().currentState(breaker);
    }

    static ProviderException unavailable(Runnable call) {
        ProviderException e = assertThrows(ProviderException.class, call::run);
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, e.code());
        assertInstanceOf(ProviderUnavailableException.class, e);
        return e;
    }

    static long millis(Runnable call) {
        long t0 = System.nanoTime();
        try {
            call.run();
        } catch (ProviderException e) {
            // timed only
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void linkIsNotAProvider_soInjectingTheProviderStaysUnambiguous() {
        assertTrue(!FaceVerificationProvider.class.isAssignableFrom(ProviderLink.class));
        assertEquals("scripted", link.id());
    }

    @Nested
    class Start {

        @Test
        void providerDown_opensBreaker_thenFailsFastWithRetryAfter_withoutCallingIt() {
            provider.script(Step.DOWN);
            for (int i = 0; i < 4; i++) {
                ProviderException e = unavailable(() -> link.start(request()));
                assertEquals("network", e.providerCode());
            }
            assertEquals(4, provider.starts(), "initialize is never retried");
            assertEquals(CircuitBreakerState.OPEN, state(GuardedProvider.START_BREAKER));

            long took = millis(() -> link.start(request()));
            assertTrue(took < 100, "an open breaker fails fast, took " + took + " ms");
            ProviderException open = unavailable(() -> link.start(request()));
            assertEquals("circuit-open", open.providerCode());
            assertEquals(BREAKER_DELAY, open.retryAfter().orElseThrow());
            assertEquals(4, provider.starts(), "an open breaker does not reach the provider");
        }

        @Test
        void afterTheDelay_aGoodProbeClosesTheBreaker() throws InterruptedException {
            provider.script(Step.DOWN);
            for (int i = 0; i < 4; i++) {
                unavailable(() -> link.start(request()));
            }
            assertEquals(CircuitBreakerState.OPEN, state(GuardedProvider.START_BREAKER));
            provider.script(Step.OK);
            unavailable(() -> link.start(request()));
            assertEquals(0, provider.starts(), "still open before the delay");

            Thread.sleep(BREAKER_DELAY.toMillis() + 200);
            StartedVerification started = link.start(request());
            assertTrue(started.providerReference().startsWith("cert-"));
            assertEquals(CircuitBreakerState.CLOSED, state(GuardedProvider.START_BREAKER));
            link.start(request());
            assertEquals(2, provider.starts());
        }

        @Test
        void refusals_doNotOpenTheBreaker() {
            provider.script(Step.REFUSE);
            for (int i = 0; i < 8; i++) {
                ProviderException e = assertThrows(ProviderException.class, () -> link.start(request()));
                assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
                assertEquals("40002/isv.invalid-signature", e.providerCode());
                assertTrue(e.retryAfter().isEmpty());
            }
            assertEquals(8, provider.starts(), "every refusal reached the provider");
            assertEquals(CircuitBreakerState.CLOSED, state(GuardedProvider.START_BREAKER));
            provider.script(Step.OK);
            link.start(request());
        }

        @Test
        void hangingProvider_isCutByTheTimeout_withRetryAfter() {
            provider.script(Step.HANG);
            long t0 = System.nanoTime();
            ProviderException e = unavailable(() -> link.start(request()));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took >= 250 && took < 2_000, "cut at about 300 ms, took " + took + " ms");
            assertEquals("timeout", e.providerCode());
            assertEquals(BREAKER_DELAY, e.retryAfter().orElseThrow());
            assertEquals(1, provider.starts());
            assertTrue(!Thread.currentThread().isInterrupted(), "the caller's thread is left usable");
        }
    }

    @Nested
    class FetchOutcome {

        @Test
        void transientFailures_areRetried_thenSucceed() {
            provider.script(Step.OK, Step.DOWN, Step.DOWN);
            assertEquals(ProviderOutcome.Verdict.PASSED, link.fetchOutcome("cert-1").verdict());
            assertEquals(3, provider.fetches());
        }

        @Test
        void refusal_isNotRetried() {
            provider.script(Step.OK, Step.REFUSE);
            ProviderException e = assertThrows(ProviderException.class, () -> link.fetchOutcome("cert-1"));
            assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
            assertEquals(1, provider.fetches());
        }

        @Test
        void providerStaysDown_retriesAreBounded_thenTheBreakerOpensAndFailsFast() {
            provider.script(Step.DOWN);
            ProviderException first = unavailable(() -> link.fetchOutcome("cert-1"));
            assertEquals("network", first.providerCode());
            assertEquals(3, provider.fetches(), "one call and two retries");

            // The fourth failure in a row opens the breaker; the retry after it does not reach the provider.
            ProviderException second = unavailable(() -> link.fetchOutcome("cert-1"));
            assertEquals("circuit-open", second.providerCode());
            assertEquals(4, provider.fetches());
            assertEquals(CircuitBreakerState.OPEN, state(GuardedProvider.QUERY_BREAKER));

            long took = millis(() -> link.fetchOutcome("cert-1"));
            assertTrue(took < 100, "an open breaker fails fast, took " + took + " ms");
            ProviderException open = unavailable(() -> link.fetchOutcome("cert-1"));
            assertEquals(BREAKER_DELAY, open.retryAfter().orElseThrow());
            assertEquals(4, provider.fetches());
            assertEquals(CircuitBreakerState.CLOSED, state(GuardedProvider.START_BREAKER), "breakers are per operation");
        }

        @Test
        void hangingProvider_theWholeCallIsBounded() {
            provider.script(Step.HANG);
            long t0 = System.nanoTime();
            ProviderException e = unavailable(() -> link.fetchOutcome("cert-1"));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took >= 700 && took < 1_200, "cut by the 800 ms outer bound, took " + took + " ms");
            assertEquals("timeout", e.providerCode());
            assertTrue(e.retryAfter().isPresent());
            assertEquals(2, provider.fetches(), "attempts were timed out and retried until the outer bound");
        }
    }
}
