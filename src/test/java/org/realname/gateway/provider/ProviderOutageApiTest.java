package org.realname.gateway.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * A provider outage as the user and the platform see it: the consent step answers 503, the
 * session waits in CONSENTED, the breaker makes further attempts fail fast with Retry-After,
 * and once the provider is back the same browser continues.
 */
@QuarkusTest
@TestProfile(ProviderLinkTest.ScriptedProviderProfile.class)
class ProviderOutageApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void outageAtConsent_failsFast_thenRecovers() throws Exception {
        ScriptedProvider provider = Arc.container().instance(ScriptedProvider.class).get();
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());

        provider.script(ScriptedProvider.Step.DOWN);
        Response first = consent(b);
        assertEquals(503, first.statusCode());
        assertTrue(Integer.parseInt(first.header("Retry-After")) >= 1, "an outage says when to retry, open breaker or not");
        assertEquals("CONSENTED", Api.status(platform, c.id()), "the session waits; consent stays on record");
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM consent_record WHERE session_id = ?", c.id()));

        // Keep failing until the breaker opens; from then on no call reaches the provider.
        Response open = null;
        for (int i = 0; i < 10 && open == null; i++) {
            Response r = consent(b);
            assertEquals(503, r.statusCode());
            if (CircuitBreakerMaintenance.get().currentState("provider-start") == CircuitBreakerState.OPEN) {
                open = r;
            }
        }
        assertNotNull(open, "the breaker opened");
        assertTrue(Integer.parseInt(open.header("Retry-After")) >= 1);
        open.then().contentType(containsString("text/html")).body(containsString("认证服务暂时不可用"));
        int callsWhenOpen = provider.starts();
        long t0 = System.nanoTime();
        assertEquals(503, consent(b).statusCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "fails fast while open");
        assertEquals(callsWhenOpen, provider.starts(), "no call reached the provider while the breaker was open");

        // The provider is back; after the breaker's delay the same browser continues.
        provider.script(ScriptedProvider.Step.OK);
        Response recovered = null;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            Response r = consent(b);
            if (r.statusCode() == 302) {
                recovered = r;
                break;
            }
        }
        assertNotNull(recovered, "consent succeeds once the provider is back");
        assertEquals("https://provider.invalid/face", recovered.header("Location"));
        assertEquals("PENDING", Api.status(platform, c.id()));
    }

    @Test
    void aStartWhoseAnswerWasLost_isRepeatedUnderANewOrderNumber() {
        ScriptedProvider provider = Arc.container().instance(ScriptedProvider.class).get();
        String platform = Api.token("platform");
        Api.Created c = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.Browser b = Api.open(c.redirectUrl());

        // The provider made the verification, but its answer never came back (a timeout, or the
        // gateway crashed before it stored the reference): the session id is spent as order number.
        provider.script(ScriptedProvider.Step.OK, ScriptedProvider.Step.LOST);
        assertEquals(503, consent(b).statusCode());
        assertEquals("CONSENTED", Api.status(platform, c.id()));

        Response again = consent(b);
        assertEquals(302, again.statusCode(), "the person goes on instead of ending in ERROR");
        assertEquals("PENDING", Api.status(platform, c.id()));
        java.util.List<String> orders = provider.orderNumbers();
        assertEquals(2, orders.size());
        assertEquals(c.id(), orders.get(0), "a first start's order number is the session id");
        assertTrue(orders.get(1).matches("[0-9a-f]{32}") && !orders.get(1).equals(c.id()), "a fresh one for the repeat");
    }

    private static Response consent(Api.Browser b) {
        return given().accept(ContentType.HTML).redirects().follow(false).cookie(Api.BINDING_COOKIE, b.secret())
                .formParams(Api.shownRules(b)).formParam("consent", "on").post(b.path() + "/consent");
    }
}
