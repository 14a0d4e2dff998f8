package org.realname.gateway.provider;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A provider whose answers a test scripts. A CDI alternative without a priority, so it replaces
 * the Alipay client only in test profiles that enable it ({@link ProviderLinkTest.ScriptedProviderProfile}).
 */
@Alternative
@ApplicationScoped
public class ScriptedProvider implements FaceVerificationProvider {

    /** What one call does. */
    public enum Step {
        /** Answers: a started verification, or a pass. */
        OK,
        /** Throws as a network error would. */
        DOWN,
        /**
         * Reaches the provider, which makes the verification (a start spends its order number),
         * but the answer is lost: throws as a timeout would.
         */
        LOST,
        /** Throws a refusal, as a bad signature or a {@code 40002} would. */
        REFUSE,
        /** Blocks until interrupted (or for a minute), like a provider that accepted the connection and stalls. */
        HANG
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private Step otherwise = Step.OK;
    // Counted apart: a stalled fetch that an earlier test's outer timeout gave up on may still
    // reach the provider later, and must not count as a start.
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    /** Order numbers of starts that reached the provider, which (as Alipay does) accepts each once, ever. */
    private final java.util.Set<String> spent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.List<String> orderNumbers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Plays {@code steps} in order, then {@code then} for every further call; resets the call counts. */
    public synchronized void script(Step then, Step... steps) {
        script.clear();
        script.addAll(java.util.List.of(steps));
        otherwise = then;
        starts.set(0);
        fetches.set(0);
        orderNumbers.clear();
    }

    /** How many {@code start} calls reached the provider since the last {@link #script}. */
    public int starts() {
        return starts.get();
    }

    /** The order numbers of the starts that reached the provider since the last {@link #script}, in order. */
    public java.util.List<String> orderNumbers() {
        return java.util.List.copyOf(orderNumbers);
    }

    /** How many {@code fetchOutcome} calls reached the provider since the last {@link #script}. */
    public int fetches() {
        return fetches.get();
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public StartedVerification start(VerificationStart request) {
        starts.incrementAndGet();
        Step step = next();
        if (step == Step.OK || step == Step.LOST) {
            if (!spent.add(request.orderNumber())) {
                throw ProviderException.refused("40004/OUTER_ORDER_NO_USED");
            }
            orderNumbers.add(request.orderNumber());
        }
        play(step);
        return new StartedVerification("cert-" + request.orderNumber(), URI.create("https://provider.invalid/face"));
    }

    @Override
    public ProviderOutcome fetchOutcome(String providerReference) {
        fetches.incrementAndGet();
        play(next());
        return ProviderOutcome.of(ProviderOutcome.Verdict.PASSED);
    }

    private synchronized Step next() {
        return script.isEmpty() ? otherwise : script.poll();
    }

    private void play(Step step) {
        switch (step) {
            case OK -> {
            }
            case DOWN -> throw ProviderException.unavailable("network", null);
            case LOST -> throw ProviderException.unavailable("timeout", null);
            case REFUSE -> throw ProviderException.refused("40002/isv.invalid-signature");
            case HANG -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // What the Alipay client does when a timeout interrupts it.
                    Thread.currentThread().interrupt();
                    throw ProviderException.unavailable("interrupted", e);
                }
            }
        }
    }
}
