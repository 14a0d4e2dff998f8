package org.realname.gateway.fault;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Halts the process ({@link Runtime#halt}: no shutdown hook, no commit, no flush) when the
 * armed {@link FaultPoint} is reached for the configured time, so a crash test can stop the
 * packaged gateway at an exact step and check what a new process makes of it. Armed only by
 * {@code gateway.fault.halt-at}; unarmed, {@link #reached} is one comparison.
 *
 * <p>Created at start, so a malformed setting stops the start rather than arming nothing.
 */
@Startup
@Singleton
public final class FaultPoints {

    /** The halted process's exit status, so a test can tell this halt from any other death. */
    public static final int HALT_STATUS = 86;

    private static final Logger LOG = Logger.getLogger(FaultPoints.class);

    private final FaultPoint armed;
    private final int hit;
    private final AtomicInteger hits = new AtomicInteger();
    private final IntConsumer halt;

    @Inject
    public FaultPoints(FaultConfig config) {
        // Production never arms one, not even for the moment before StartupGuard refuses the start.
        this(ConfigUtils.getProfiles().contains("prod") ? Optional.empty() : config.haltAt().map(HaltAt::parse),
                status -> Runtime.getRuntime().halt(status));
    }

    FaultPoints(Optional<HaltAt> haltAt, IntConsumer halt) {
        this.armed = haltAt.map(HaltAt::point).orElse(null);
        this.hit = haltAt.map(HaltAt::hit).orElse(0);
        this.halt = halt;
        if (armed != null) {
            LOG.warnf("Test-only fault point armed: the process halts at hit %d of %s", hit, armed.wireName());
        }
    }

    /** Marks that the code passed {@code point}; halts here when it is the armed point's armed hit. */
    public void reached(FaultPoint point) {
        if (point != armed) {
            return;
        }
        if (hits.incrementAndGet() == hit) {
            LOG.errorf("Fault point %s reached (hit %d): halting with status %d", point.wireName(), hit, HALT_STATUS);
            halt.accept(HALT_STATUS);
        }
    }
}
