package org.realname.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import javax.transaction.xa.XAException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * The shapes in which an unreachable database reaches the error mapper and the background
 * workers, built from the real exception classes of the driver, Hibernate, the pool and the
 * transaction manager, and the failures that must not be mistaken for one.
 */
class DatabaseUnavailableTest {

    private static final String INSERT = "insert into verification_session (account_id,id) values (?,?)";

    @Test
    void refusedConnection_throughHibernateAndTransaction_isUnavailable() {
        PSQLException refused = new PSQLException("Connection to localhost:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        Throwable seen = new QuarkusTransactionException(new JDBCConnectionException("could not execute statement", refused, INSERT));
        assertEquals(Optional.of("PSQLException, SQL state 08001"), DatabaseUnavailable.evidence(seen));
    }

    @Test
    void connectionLostMidStatement_isUnavailable() {
        PSQLException lost = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
        assertTrue(DatabaseUnavailable.isCause(new PersistenceException(new GenericJDBCException("x", lost))));
    }

    @Test
    void closedConnection_isUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST)));
    }

    @Test
    void serverShuttingDown_isUnavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300"}) {
            SQLException e = new SQLException("terminating connection", state);
            assertTrue(DatabaseUnavailable.isCause(new GenericJDBCException("could not execute query", e)), state);
        }
    }

    @Test
    void poolAcquisitionTimeout_isUnavailable() {
        for (String agroal : new String[] {"Sorry, acquisition timeout!", "Acquisition timeout while waiting for new connection"}) {
            Throwable seen = new GenericJDBCException("Unable to acquire JDBC Connection", new SQLException(agroal));
            assertEquals(Optional.of("SQLException, pool acquisition timeout"), DatabaseUnavailable.evidence(seen), agroal);
        }
    }

    @Test
    void jdbcConnectionExceptionClasses_areUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException(new SQLTransientConnectionException("timeout"))));
        assertTrue(DatabaseUnavailable.isCause(new SQLNonTransientConnectionException("Database is already closed")));
    }

    /** Narayana adds what failed at commit as suppressed exceptions of its RollbackException. */
    @Test
    void commitFailure_suppressedInRollback_isUnavailable() {
        XAException commFail = new XAException(XAException.XA_RBCOMMFAIL);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commFail);
        assertTrue(DatabaseUnavailable.isCause(new QuarkusTransactionException(rollback)));

        RollbackException withDriverCause = new RollbackException("rolled back");
        XAException wrapping = new XAException("Error trying to transactionCommit local transaction");
        wrapping.initCause(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE));
        withDriverCause.addSuppressed(wrapping);
        assertTrue(DatabaseUnavailable.isCause(withDriverCause));
    }

    @Test
    void chainedNextException_isUnavailable() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "HY000");
        batch.setNextException(new SQLException("terminating connection", "57P01"));
        assertTrue(DatabaseUnavailable.isCause(batch));
    }

    @Test
    void constraintViolation_isNotUnavailable() {
        SQLException duplicate = new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION);
        assertFalse(DatabaseUnavailable.isCause(new QuarkusTransactionException(
                new ConstraintViolationException("could not execute statement", duplicate, INSERT, "uq_session_idempotency"))));
    }

    @Test
    void otherDatabaseErrors_areNotUnavailable() {
        assertFalse(DatabaseUnavailable.isCause(new SQLException("could not serialize access", "40001")));
        assertFalse(DatabaseUnavailable.isCause(new SQLException("syntax error at or near", "42601")));
        assertFalse(DatabaseUnavailable.isCause(new SQLException("Connection acquired without transaction.")));
        assertFalse(DatabaseUnavailable.isCause(new XAException(XAException.XAER_PROTO)));
        assertFalse(DatabaseUnavailable.isCause(new RollbackException("marked for rollback")));
    }

    @Test
    void unrelatedFailures_areNotUnavailable() {
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("boom")));
        assertFalse(DatabaseUnavailable.isCause(new GatewayException(ErrorCode.INTERNAL, "The audit entry could not be written")));
        assertFalse(DatabaseUnavailable.isCause(null));
    }

    @Test
    void causeCycle_endsTheWalk() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(DatabaseUnavailable.isCause(a));
    }

    @Test
    void evidence_namesNoMessage() {
        PSQLException refused = new PSQLException("Connection to db.internal:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        String evidence = DatabaseUnavailable.evidence(refused).orElseThrow();
        assertFalse(evidence.contains("db.internal"), evidence);
    }
}
