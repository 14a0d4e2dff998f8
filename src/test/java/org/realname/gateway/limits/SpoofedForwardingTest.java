package org.realname.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.realname.gateway.retention.SecurityLog;
import org.realname.gateway.support.Api;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The other half of {@link BehindAProxyTest}: a forwarding header from an address that is not a
 * trusted balancer is ignored, so a client cannot pick a fresh address per attempt to escape the
 * per-address limit, nor put someone else's address on record.
 */
@QuarkusTest
@TestProfile(SpoofedForwardingTest.OtherBalancer.class)
class SpoofedForwardingTest {

    public static final class OtherBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "10.0.0.0/8",
                    "gateway.limits.client-ip-per-day", "2",
                    "gateway.limits.client-ip-per-minute", "100");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    SecurityLog securityLog;

    @Test
    void aForwardedAddressFromAnUntrustedPeer_isIgnored_andTheBudgetIsThePeers() {
        String platform = Api.token("platform");
        Db.exec(dataSource, "DELETE FROM verification_attempt");
        Api.Created first = Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()));
        BehindAProxyTest.consentFrom("192.0.2.201", first).then().statusCode(302);
        BehindAProxyTest.consentFrom("192.0.2.202",
                Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()))).then().statusCode(302);
        // A third "address" is still 127.0.0.1's third attempt.
        BehindAProxyTest.consentFrom("192.0.2.203",
                Api.created(platform, Api.signup(TestIds.randomAccount(), "张三", TestIds.random()))).then().statusCode(429);

        securityLog.flush();
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE client_ip LIKE '192.0.2.20_'"));
        assertTrue(Db.count(dataSource, "SELECT COUNT(*) FROM security_event WHERE session_id = ? AND client_ip = ?",
                first.id(), "127.0.0.1") >= 1, "the peer's own address is the one on record");
    }
}
