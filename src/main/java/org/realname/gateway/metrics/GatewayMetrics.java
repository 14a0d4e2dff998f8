package org.realname.gateway.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.util.AfterCommit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's own meters (docs/operations.md, "Metrics"). Every label comes from a closed set
 * (purposes, statuses, step and method names, limit ids, outcome words) and is passed in by the
 * code, never taken from a request: no account id, session id, name or ID number can become a
 * label. Counts of what a transaction did are taken after it commits, so a rollback counts
 * nothing.
 */
@ApplicationScoped
public class GatewayMetrics {

    static final String STARTED = "gateway.verifications.started";
    static final String FINISHED = "gateway.verifications.finished";
    static final String STEP = "gateway.flow.step";
    static final String PROVIDER = "gateway.provider.calls";
    static final String REFUSED = "gateway.attempt.refusals";

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;

    public GatewayMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
    }

    /** A session was created (counted when its transaction commits). */
    public void verificationStarted(String purpose) {
        afterCommit.run(Counter.builder(STARTED).description("Verification sessions created")
                .tag("purpose", purpose).register(registry)::increment);
    }

    /** A session reached a final status (counted when its transaction commits). */
    public void verificationFinished(String purpose, String status) {
        afterCommit.run(Counter.builder(FINISHED).description("Verification sessions that reached a final status")
                .tag("purpose", purpose).tag("outcome", status).register(registry)::increment);
    }

    /** How long one step of the flow took to answer, by step name and the answer's status class. */
    public void step(String step, String statusClass, Duration took) {
        Timer.builder(STEP).description("Time to answer one step of the verification flow")
                .tag("step", step).tag("status", statusClass).publishPercentileHistogram()
                .register(registry).record(took);
    }

    /** One call to the face-verification provider: {@code ok}, {@code refused} or {@code unavailable}. */
    public void providerCall(String method, String outcome, Duration took) {
        Timer.builder(PROVIDER).description("Calls to the face-verification provider")
                .tag("method", method).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry).record(took);
    }

    /** An attempt refused by a limit ({@code account-per-day}, ...), counted at once (the refusal stands). */
    public void attemptRefused(String limit) {
        Counter.builder(REFUSED).description("Attempts refused by an attempt limit").tag("limit", limit)
                .register(registry).increment();
    }
}
