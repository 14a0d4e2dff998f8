package org.realname.gateway.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.transaction.xa.XAException;

/**
 * Tells a failure that means "the database cannot be reached right now" from every other one, so
 * it can be answered {@code 503 database-unavailable} (try again later) instead of {@code 500}, and
 * background workers can wait for the database instead of reporting a fault.
 *
 * <p>The evidence is looked for anywhere in the cause chain and among suppressed exceptions:
 * Hibernate wraps the driver's {@link SQLException} (its {@code JDBCConnectionException} always
 * carries it as the cause), the transaction manager adds the failures of a commit as suppressed
 * exceptions of its {@code RollbackException}, and {@code QuarkusTransaction} or our own stores wrap
 * again. Only classes and SQL states decide, never a message: messages may quote SQL values.
 * The one exception is the connection pool's acquisition timeout, which Agroal raises as a plain
 * {@link SQLException} without SQL state; its fixed wording is matched.
 */
public final class DatabaseUnavailable {

    /** Deep enough for every wrapping seen in practice; bounds the walk of a pathological chain. */
    private static final int MAX_VISITED = 32;

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} means the database is unreachable (and a retry later may succeed). */
    public static boolean isCause(Throwable failure) {
        return evidence(failure).isPresent();
    }

    /**
     * A short, message-free description of the evidence, for logs: the exception's class and SQL
     * state or XA code, e.g. {@code PSQLException, SQL state 08001}.
     */
    public static Optional<String> evidence(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty() && seen.size() < MAX_VISITED) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            Optional<String> found = evidenceIn(t);
            if (found.isPresent()) {
                return found;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            Collections.addAll(pending, t.getSuppressed());
        }
        return Optional.empty();
    }

    private static Optional<String> evidenceIn(Throwable t) {
        String type = t.getClass().getSimpleName();
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return Optional.of(type);
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && unavailableState(state)) {
                return Optional.of(type + ", SQL state " + state);
            }
            if (state == null && isPoolTimeout(sql)) {
                return Optional.of(type + ", pool acquisition timeout");
            }
        }
        if (t instanceof XAException xa && (xa.errorCode == XAException.XAER_RMFAIL || xa.errorCode == XAException.XA_RBCOMMFAIL)) {
            return Optional.of(type + ", XA code " + xa.errorCode);
        }
        return Optional.empty();
    }

    /**
     * Class 08 is "connection exception" in SQL itself (refused 08001, closed 08003, lost 08006).
     * PostgreSQL adds its own: 57P01 admin shutdown and 57P02 crash shutdown end a session while
     * the server stops, 57P03 refuses connections while it starts or stops, and 53300 refuses
     * them when every slot is taken. None of these says anything about the request.
     */
    static boolean unavailableState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }

    /**
     * Agroal's words for "no connection within the acquisition timeout" ("Sorry, acquisition
     * timeout!", "Acquisition timeout while waiting for new connection", "Acquisition timeout on
     * health check"): the pool is exhausted or cannot open a connection in time.
     */
    private static boolean isPoolTimeout(SQLException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
