package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The security log is written in batches by a background thread: a complete flow's rows (link,
 * consent page, consent, return) reach the table shortly after, with nobody asking, each once.
 */
@QuarkusTest
class SecurityLogRowsTest {

    @Inject
    DataSource dataSource;

    @Test
    void aFlowsPageRequests_reachTheSecurityLog_inABatch() throws InterruptedException {
        Api.Created c = Api.created(Api.token("platform"), Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        Api.completeFlow(c.redirectUrl(), "pass");

        long deadline = System.currentTimeMillis() + 5_000;
        while (rows(c.id()) < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // room for a row written twice to show up
        assertEquals(5, rows(c.id()), "one row per page request, none twice");
        // The test's browser reads the consent page twice: once as shown, once for its hidden fields.
        Map<String, Integer> expected = Map.of("LINK_OPENED", 1, "CONSENT_PAGE", 2, "CONSENT_SUBMITTED", 1,
                "PROVIDER_RETURN", 1);
        expected.forEach((kind, n) -> assertEquals(n.longValue(), Db.count(dataSource,
                "SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = ?", c.id(), kind), kind));
        assertEquals(5, Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ? "
                + "AND client_ip IS NOT NULL", c.id()), "with the client address");
    }

    private long rows(String sessionId) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ?", sessionId);
    }
}
