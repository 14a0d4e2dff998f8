package org.realname.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.BlindIndex;
import org.realname.gateway.support.Db;
import org.realname.gateway.support.TestIds;

/**
 * The attempt limiter on a real database: limiters are built per test with their own limits and
 * a clock the test moves, so windows pass without waiting and the application's relaxed test
 * limits do not matter. Run on H2 and on PostgreSQL.
 */
abstract class AttemptLimiterContract {

    @Inject
    AttemptRepository repository;

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    org.realname.gateway.audit.AuditTrail audit;

    @Inject
    org.realname.gateway.metrics.GatewayMetrics metrics;

    MutableClock clock;
    String account;

    @BeforeEach
    void freshClockAndAccount() {
        // Whole seconds: the databases keep microseconds at most.
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        account = TestIds.randomAccount();
    }

    AttemptLimiter limiter(LimitsConfig limits) {
        return new AttemptLimiter(limits, repository, blindIndex, audit, clock, metrics);
    }

    static GatewayException refused(Runnable attempt) {
        GatewayException e = assertThrows(GatewayException.class, attempt::run);
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, e.code());
        assertEquals(429, e.code().status());
        return e;
    }

    long rows(Scope scope, String value) {
        return Db.count(dataSource, "SELECT COUNT(*) FROM verification_attempt WHERE scope = ? AND subject_key = ?",
                scope.stored(), blindIndex.mac(scope.digestDomain(), value));
    }

    static String randomIndex() {
        return TestIds.randomAccount().replace("acct-", "") + "00ff";
    }

    @Test
    void aRefusal_isOnTheAuditTrail_namingTheLimitAndActor_neverTheSubject() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        String actor = "client-" + account.substring(5);
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(actor, account, null);
        }
        refused(() -> limiter.checkAndCountCreation(actor, account, null));
        assertEquals("platform|ATTEMPT_REFUSED|attempt_limit|account-per-minute", Db.string(dataSource,
                "SELECT actor_role || '|' || event_type || '|' || record_type || '|' || record_id FROM audit_event "
                        + "WHERE actor = ?", actor));
        assertTrue(Db.string(dataSource, "SELECT outcome FROM audit_event WHERE actor = ?", actor).matches("retry-after-\\d+s"));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM audit_event WHERE record_id = ? OR outcome = ?", account, account));
        assertEquals(3, rows(Scope.ACCOUNT, account), "the refusal itself counted for nothing");
    }

    @Test
    void sixthCreationForAnAccountInADay_isRefused_untilTheFirstLeavesTheWindow() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(account, null);
        }
        clock.advance(Duration.ofMinutes(2));
        limiter.checkAndCountCreation(account, null);
        limiter.checkAndCountCreation(account, null);

        GatewayException e = refused(() -> limiter.checkAndCountCreation(account, null));
        assertTrue(e.detail().contains("per account per day"), e.detail());
        assertFalse(e.detail().contains(account), "the detail names the limit, not the account");
        Duration retryAfter = e.retryAfter().orElseThrow();
        assertEquals(Duration.ofDays(1).minusMinutes(2), retryAfter, "until the first of the five is a day old");
        assertEquals(5, rows(Scope.ACCOUNT, account));

        clock.advance(retryAfter.plusSeconds(1));
        limiter.checkAndCountCreation(account, null);
    }

    @Test
    void burstPerMinute_isRefused_thenAllowedAfterTheMinute() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(account, null);
            clock.advance(Duration.ofSeconds(10));
        }
        GatewayException e = refused(() -> limiter.checkAndCountCreation(account, null));
        assertTrue(e.detail().contains("per account per minute"), e.detail());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow(), "the first one leaves the minute in 30 s");

        clock.advance(Duration.ofSeconds(31));
        limiter.checkAndCountCreation(account, null);
    }

    @Test
    void differentAccounts_areIndependent() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(account, null);
        }
        refused(() -> limiter.checkAndCountCreation(account, null));
        String other = TestIds.randomAccount();
        limiter.checkAndCountCreation(other, null);
        assertEquals(1, rows(Scope.ACCOUNT, other));
    }

    @Test
    void refusedAttempts_areNotCounted() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(account, null);
        }
        for (int i = 0; i < 5; i++) {
            refused(() -> limiter.checkAndCountCreation(account, null));
        }
        assertEquals(3, rows(Scope.ACCOUNT, account));

        // Had the refusals counted, the day's five would be used up.
        clock.advance(Duration.ofMinutes(2));
        limiter.checkAndCountCreation(account, null);
        limiter.checkAndCountCreation(account, null);
        assertTrue(refused(() -> limiter.checkAndCountCreation(account, null)).detail().contains("per account per day"));
    }

    @Test
    void idNumber_isCappedAcrossAccounts_andARefusalCountsForNoAccount() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        String index = randomIndex();
        for (int i = 0; i < 3; i++) {
            limiter.checkAndCountCreation(TestIds.randomAccount(), index);
        }
        String fourth = TestIds.randomAccount();
        GatewayException e = refused(() -> limiter.checkAndCountCreation(fourth, index));
        assertTrue(e.detail().contains("per ID number per minute"), e.detail());
        assertFalse(e.detail().contains(index));
        assertEquals(0, rows(Scope.ACCOUNT, fourth));
        assertEquals(3, rows(Scope.ID_NUMBER, index));
        limiter.checkAndCountCreation(fourth, randomIndex());
    }

    @Test
    void clientIp_isCappedPerAddress() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        String ip = "198.51.100." + (int) (Math.random() * 250);
        for (int i = 0; i < 5; i++) {
            limiter.checkAndCountClientIp(ip);
        }
        GatewayException e = refused(() -> limiter.checkAndCountClientIp(ip));
        assertTrue(e.detail().contains("per client address per minute"), e.detail());
        assertFalse(e.detail().contains(ip));
        limiter.checkAndCountClientIp("2001:db8::" + Integer.toHexString((int) (Math.random() * 4000)));
    }

    @Test
    void zero_meansUnlimited() {
        AttemptLimiter limiter = limiter(TestLimits.defaults().withAccount(0, 0));
        for (int i = 0; i < 12; i++) {
            limiter.checkAndCountCreation(account, null);
        }
        // A scope whose limits are all off is not counted at all: no row to write or lock.
        assertEquals(0, rows(Scope.ACCOUNT, account));
    }

    @Test
    void missingSubject_isAProgrammingError_notACount() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        assertThrows(IllegalArgumentException.class, () -> limiter.checkAndCountCreation(" ", null));
        assertThrows(IllegalArgumentException.class, () -> limiter.checkAndCountClientIp(null));
    }

    @Test
    void concurrentAttempts_neverOvershootTheCap() throws Exception {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tries.add(() -> {
                    try {
                        limiter.checkAndCountCreation(account, null);
                        return true;
                    } catch (GatewayException e) {
                        return false;
                    }
                });
            }
            int allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                allowed += f.get() ? 1 : 0;
            }
            assertEquals(3, allowed, "exactly the minute's cap got through");
            assertEquals(3, rows(Scope.ACCOUNT, account));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purge_removesOnlyRowsOlderThanADay() {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        String old = account;
        String recent = TestIds.randomAccount();
        limiter.checkAndCountCreation(old, null);
        clock.advance(Duration.ofHours(23));
        limiter.checkAndCountCreation(recent, null);
        clock.advance(Duration.ofHours(2));

        assertTrue(limiter.purge() >= 1);
        assertEquals(0, rows(Scope.ACCOUNT, old));
        assertEquals(1, rows(Scope.ACCOUNT, recent));
        assertEquals(0, Db.count(dataSource, "SELECT COUNT(*) FROM attempt_subject WHERE subject_key = ?",
                blindIndex.mac(Scope.ACCOUNT.digestDomain(), old)));
        assertEquals(1, Db.count(dataSource, "SELECT COUNT(*) FROM attempt_subject WHERE subject_key = ?",
                blindIndex.mac(Scope.ACCOUNT.digestDomain(), recent)));
    }

    @Test
    void tables_holdNoPlainAccountIpOrIndex() throws SQLException {
        AttemptLimiter limiter = limiter(TestLimits.defaults());
        String ip = "203.0.113.77";
        String index = randomIndex();
        limiter.checkAndCountCreation(account, index);
        limiter.checkAndCountClientIp(ip);

        List<String> needles = List.of(account, ip, index);
        int cells = 0;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("verification_attempt", "attempt_subject")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = String.valueOf(rs.getObject(i));
                            cells++;
                            for (String needle : needles) {
                                assertFalse(value.contains(needle), table + " holds a plain value");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(cells >= 4 * 3, "scanned the rows just written");
        assertEquals(1, rows(Scope.ID_NUMBER, index), "the ID number is counted under a digest of its index");
    }
}
