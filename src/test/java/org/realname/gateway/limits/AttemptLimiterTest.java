package org.realname.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;

/** The attempt limiter on H2 in PostgreSQL mode (the embedded default). */
@QuarkusTest
class AttemptLimiterTest extends AttemptLimiterContract {

    @Inject
    AttemptLimiter applicationLimiter;

    @Test
    void theApplicationBean_isWired_withTheRelaxedTestLimits() {
        String busy = TestIds.randomAccount();
        for (int i = 0; i < 10; i++) {
            applicationLimiter.checkAndCountCreation(busy, null);
        }
        assertEquals(10, rows(Scope.ACCOUNT, busy), "other tests may create many sessions for one account");
    }
}
