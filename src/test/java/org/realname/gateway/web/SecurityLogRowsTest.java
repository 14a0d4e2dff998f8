package org.realname.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
        while (rows(c.id()) < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(4, rows(c.id()), "one row per page request, none twice");
        for (String kind : List.of("LINK_OPENED", "CONSENT_PAGE", "CONSENT_SUBMITTED", "PROVIDER_RETURN")) {
            assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ? AND kind = ?",
                    c.id(), kind), kind);
        }
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ? AND client_ip IS NOT NULL",
                c.id()) == 4, "with the client address");
    }

    private long rows(String sessionId) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ?", sessionId);
    }
}
