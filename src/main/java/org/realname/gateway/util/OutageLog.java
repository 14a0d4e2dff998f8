package org.realname.gateway.util;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.realname.gateway.error.DatabaseUnavailable;

/**
 * A background worker's record of a database outage: one warning when its first turn fails for
 * want of the database, one line when a turn gets through again, and nothing louder than debug
 * in between. Workers retry every few hundred milliseconds to every few seconds, and the
 * scheduler would log each failed turn with its stack trace (whose messages can quote SQL);
 * an outage of a minute must not bury the log. Other failures are not its business: the caller
 * reports them as before.
 *
 * <p>One instance per worker; its turns may run on different threads, never two at once for
 * the jobs that use it (scheduled with {@code SKIP}, or a single thread of their own).
 */
public final class OutageLog {

    private final Logger log;
    private final String worker;
    private boolean paused;
    private long failedTurns;

    /**
     * @param owner  whose logger the lines go to
     * @param worker how the lines name the worker ("audit sequencer")
     */
    public OutageLog(Class<?> owner, String worker) {
        this.log = Logger.getLogger(owner);
        this.worker = worker;
    }

    /**
     * Runs one turn of a scheduled job. A turn that fails because the database is unreachable is
     * logged here and ends quietly (the next turn retries); any other failure is thrown on.
     */
    public void run(Runnable turn) {
        try {
            turn.run();
        } catch (RuntimeException e) {
            if (failed(e)) {
                return;
            }
            throw e;
        }
        succeeded();
    }

    /**
     * Records a failed turn.
     *
     * @return whether it failed for want of the database (then it is logged here)
     */
    public synchronized boolean failed(Throwable failure) {
        Optional<String> evidence = DatabaseUnavailable.evidence(failure);
        if (evidence.isEmpty()) {
            return false;
        }
        failedTurns++;
        if (!paused) {
            paused = true;
            log.warnf("%s paused: the database is unavailable (%s); retrying until it is back", worker, evidence.get());
        } else {
            log.debugf("%s: database still unavailable (%s)", worker, evidence.get());
        }
        return true;
    }

    /** Records a turn that reached the database. */
    public synchronized void succeeded() {
        if (paused) {
            paused = false;
            log.infof("%s resumed: the database is reachable again (%d turns failed meanwhile)", worker, failedTurns);
            failedTurns = 0;
        }
    }

    /** Whether the last turn failed for want of the database. */
    public synchronized boolean paused() {
        return paused;
    }
}
