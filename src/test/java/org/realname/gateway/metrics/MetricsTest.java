package org.realname.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.realname.gateway.identity.Masking;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /q/metrics}: a complete flow and a refused attempt move the gateway's meters, with
 * labels from closed sets only; no account id, session id, link, name or ID number (plain or
 * masked) appears anywhere in a scrape.
 */
@QuarkusTest
@TestProfile(MetricsTest.TightLimits.class)
class MetricsTest {

    static final String NAME = "欧阳娜娜";

    /** Two sessions a minute per account, so the third is refused. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.account-per-minute", "2", "gateway.metrics.backlog-refresh", "PT1S");
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, 0 when absent. */
    static double value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aFlowAndARefusal_moveTheMeters_andNoLabelCarriesPersonalData() throws InterruptedException {
        String before = scrape();
        String platform = Api.token("platform");
        String account = TestIds.randomAccount();
        String idNumber = TestIds.random();
        Api.Created c = Api.created(platform, Api.signup(account, NAME, idNumber));
        String back = Api.completeFlow(c.redirectUrl(), "pass");
        assertTrue(back.contains("status=PASSED"), back);
        Api.created(platform, Api.reverify(account));
        Api.create(platform, Api.reverify(account)).then().statusCode(429);
        Thread.sleep(1500); // one refresh of the backlog gauges

        String after = scrape();
        assertEquals(value(before, "gateway_verifications_started_total", "purpose=\"SIGNUP\"") + 1,
                value(after, "gateway_verifications_started_total", "purpose=\"SIGNUP\""));
        assertEquals(value(before, "gateway_verifications_started_total", "purpose=\"REVERIFY\"") + 1,
                value(after, "gateway_verifications_started_total", "purpose=\"REVERIFY\""), "the refused one not counted");
        assertEquals(value(before, "gateway_verifications_finished_total", "outcome=\"PASSED\",purpose=\"SIGNUP\"") + 1,
                value(after, "gateway_verifications_finished_total", "outcome=\"PASSED\",purpose=\"SIGNUP\""));
        assertEquals(value(before, "gateway_attempt_refusals_total", "limit=\"account-per-minute\"") + 1,
                value(after, "gateway_attempt_refusals_total", "limit=\"account-per-minute\""));
        for (String step : List.of("create", "link", "consent_page", "consent", "return")) {
            assertTrue(value(after, "gateway_flow_step_seconds_count", "status=\"2xx\",step=\"" + step + "\"")
                    + value(after, "gateway_flow_step_seconds_count", "status=\"3xx\",step=\"" + step + "\"")
                    > value(before, "gateway_flow_step_seconds_count", "status=\"2xx\",step=\"" + step + "\"")
                    + value(before, "gateway_flow_step_seconds_count", "status=\"3xx\",step=\"" + step + "\""), step);
        }
        assertTrue(value(after, "gateway_flow_step_seconds_count", "status=\"4xx\",step=\"create\"") >= 1, "the 429");
        assertEquals(value(before, "gateway_provider_calls_seconds_count", "method=\"start\",outcome=\"ok\"") + 1,
                value(after, "gateway_provider_calls_seconds_count", "method=\"start\",outcome=\"ok\""));
        assertTrue(value(after, "gateway_provider_calls_seconds_count", "method=\"query\",outcome=\"ok\"") >= 1);
        assertTrue(after.contains("gateway_provider_circuit_breaker_state{breaker=\"provider-start\"} 0.0"), "closed");
        assertTrue(after.contains("gateway_audit_queue_depth "), "audit queue gauge");
        assertTrue(after.contains("gateway_audit_sequencing_lag_seconds "), "sequencing lag gauge");
        assertTrue(after.contains("gateway_webhook_backlog "), "webhook backlog gauge");
        assertTrue(after.contains("gateway_webhook_dead_letters "), "dead letter gauge");
        assertTrue(after.contains("gateway_keys_rewrap_backlog "), "re-wrap backlog gauge");

        String link = c.redirectUrl().substring(c.redirectUrl().lastIndexOf('/') + 1);
        for (String personal : List.of(account, c.id(), link, NAME, idNumber, Masking.name(NAME), Masking.idNumber(idNumber))) {
            assertFalse(after.contains(personal), "a scrape never shows " + personal.length() + " characters of personal data");
        }
    }
}
