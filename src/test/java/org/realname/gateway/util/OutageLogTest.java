package org.realname.gateway.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A scheduled job's turn through {@link OutageLog}: an outage ends the turn quietly, anything else goes on. */
class OutageLogTest {

    private final OutageLog outage = new OutageLog(OutageLogTest.class, "Test job");

    @Test
    void outageFailure_endsTheTurnQuietly_andTheNextGoodTurnResumes() {
        outage.run(() -> {
            throw new IllegalStateException(new SQLException("Connection refused", "08001"));
        });
        assertTrue(outage.paused());
        outage.run(() -> {
            throw new IllegalStateException(new SQLException("the database system is starting up", "57P03"));
        });
        assertTrue(outage.paused(), "still paused while the database is away");
        outage.run(() -> { });
        assertFalse(outage.paused());
    }

    @Test
    void otherFailure_isThrownOn_toTheScheduler() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> outage.run(() -> {
            throw bug;
        })));
        assertFalse(outage.paused());
    }

    @Test
    void failed_tellsOutagesFromOtherFailures() {
        assertTrue(outage.failed(new SQLException("This connection has been closed.", "08003")));
        assertFalse(outage.failed(new SQLException("duplicate key", "23505")));
        assertTrue(outage.paused(), "a non-outage failure does not end the outage");
    }
}
