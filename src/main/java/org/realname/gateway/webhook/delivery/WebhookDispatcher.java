package org.realname.gateway.webhook.delivery;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.fault.FaultPoint;
import org.realname.gateway.fault.FaultPoints;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.util.Ids;
import org.realname.gateway.util.OutageLog;
import org.realname.gateway.webhook.HostResolver;
import org.realname.gateway.webhook.UrlRules;
import org.realname.gateway.webhook.WebhookConfig;
import org.realname.gateway.webhook.WebhookService;
import org.realname.gateway.webhook.WebhookUrlPolicy;
import org.realname.gateway.webhook.api.WebhookHeaders;
import org.realname.gateway.webhook.api.WebhookSigner;

import io.quarkus.runtime.StartupEvent;
import org.realname.gateway.webhook.DeliveryConfig;

/**
 * The outbox worker: claims due deliveries, signs and sends them, and records what happened.
 * Failures are retried with {@link Backoff} until the delivery's give-up time, then the delivery
 * is dead-lettered for an admin to replay. Every instance may run it; the lease in
 * {@link DeliveryStore} keeps them from sending one delivery at the same time.
 *
 * <p>Delivery is at least once: a crash after the endpoint answered but before the outcome is
 * recorded sends that delivery again once its lease runs out. Receivers dedupe by event id.
 * Logs name delivery and event ids only, never the endpoint URL or a secret.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final String USER_AGENT = "realname-gateway-webhooks/1";

    /** This process's name in claims; a restarted process is a new claimer. */
    private final String claimer = "gw-" + Ids.newId().substring(0, 12);
    private final DeliveryStore store;
    private final WebhookSender sender;
    private final WebhookService subscriptions;
    private final KeyRingService keyRing;
    private final WebhookUrlPolicy urls;
    private final DeliveryConfig config;
    private final Backoff backoff;
    private final Clock clock;
    private final OutageLog outage = new OutageLog(WebhookDispatcher.class, "Webhook delivery");
    private final FaultPoints faults;
    private ScheduledExecutorService loop;

    public WebhookDispatcher(DeliveryStore store, WebhookSender sender, WebhookService subscriptions, KeyRingService keyRing,
            WebhookConfig config, Clock clock, FaultPoints faults) {
        this.store = store;
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.keyRing = keyRing;
        this.urls = new WebhookUrlPolicy(UrlRules.of(config), HostResolver.SYSTEM);
        this.config = config.delivery();
        this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.faults = faults;
    }

    /*
     * Its own thread rather than @Scheduled: the scheduler cannot run jobs more often than once a
     * second, and the poll interval is also the delay a fresh event waits before its first try.
     */
    void start(@Observes StartupEvent started) {
        if (config.enabled()) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "webhook-dispatcher");
                t.setDaemon(true);
                return t;
            });
            loop.scheduleWithFixedDelay(this::pass, config.startDelay().toMillis(), config.pollInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pass() {
        try {
            // Drain: while batches come back full, go again at once.
            while (runOnce() == config.batchSize() && !Thread.currentThread().isInterrupted()) {
                LOG.debugf("Webhook delivery: full batch, polling again");
            }
            outage.succeeded();
        } catch (RuntimeException e) {
            if (!outage.failed(e)) {
                LOG.warnf("Webhook delivery pass failed (%s); the next pass retries", e.getClass().getSimpleName());
            }
        }
    }

    /** One pass: claim a batch, send it concurrently, record each attempt. @return deliveries attempted */
    public int runOnce() {
        Instant now = now();
        List<ClaimedDelivery> batch = store.claim(claimer, now, now.plus(config.lease()), config.batchSize());
        List<CompletableFuture<SendResult>> sent = new ArrayList<>();
        for (ClaimedDelivery d : batch) {
            sent.add(send(d));
        }
        for (int i = 0; i < batch.size(); i++) {
            finish(batch.get(i), await(sent.get(i)));
        }
        return batch.size();
    }

    private CompletableFuture<SendResult> send(ClaimedDelivery d) {
        InetAddress address;
        try {
            // Resolved and checked again now, and connected to as checked (DNS rebinding).
            address = urls.deliveryAddress(d.url());
        } catch (GatewayException e) {
            return CompletableFuture.completedFuture(new SendResult(null, "address-refused", 0));
        }
        try {
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("User-Agent", USER_AGENT);
            headers.put(WebhookHeaders.EVENT_ID, d.eventId());
            headers.put(WebhookHeaders.EVENT_TYPE, d.eventType());
            signWith(d.subscriptionId(), body, headers);
            return sender.send(d.url(), address, headers, body);
        } catch (GatewayException | GeneralSecurityException e) {
            LOG.warnf("Webhook delivery %s of event %s could not be signed (%s)", d.id(), d.eventId(), e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(new SendResult(null, "failed", 0));
        }
    }

    /** Secrets are opened per attempt, so a rotation applies to the very next attempt. */
    private void signWith(String subscriptionId, byte[] body, Map<String, String> headers) throws GeneralSecurityException {
        List<String> secrets = subscriptions.signingSecrets(subscriptionId);
        long timestamp = now().getEpochSecond();
        if (!config.sm2Signature()) {
            headers.put(WebhookHeaders.SIGNATURE, new WebhookSigner().signatureHeader(timestamp, body, secrets));
            return;
        }
        AtomicReference<String> keyId = new AtomicReference<>();
        WebhookSigner signer = new WebhookSigner(content -> {
            KeyRingService.Signed signed = keyRing.sign(content);
            keyId.set(signed.keyId());
            return signed.signature();
        });
        headers.put(WebhookHeaders.SIGNATURE, signer.signatureHeader(timestamp, body, secrets));
        headers.put(WebhookHeaders.SIGNING_KEY, keyId.get());
    }

    private SendResult await(CompletableFuture<SendResult> f) {
        try {
            return f.get(config.requestTimeout().plus(config.connectTimeout()).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new SendResult(null, "timeout", (int) config.requestTimeout().toMillis());
        } catch (ExecutionException e) {
            return new SendResult(null, "failed", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(null, "failed", 0);
        }
    }

    private void finish(ClaimedDelivery d, SendResult result) {
        Instant at = now();
        Instant nextAt = null;
        if (!result.delivered()) {
            Duration wait = backoff.after(d.attempts() + 1);
            nextAt = at.plus(wait);
            if (nextAt.isAfter(d.giveUpAt())) {
                nextAt = null;
            }
        }
        if (result.delivered()) {
            faults.reached(FaultPoint.WEBHOOK_DELIVERY);
        }
        try {
            if (!store.record(d, claimer, at, result, nextAt)) {
                LOG.warnf("Webhook delivery %s: lease lost before the outcome was recorded", d.id());
            }
        } catch (RuntimeException e) {
            // The subscription (and its deliveries) was deleted meanwhile.
            LOG.infof("Webhook delivery %s: outcome not recorded (%s)", d.id(), e.getClass().getSimpleName());
            return;
        }
        if (result.delivered()) {
            LOG.debugf("Webhook delivery %s of event %s delivered (attempt %d, HTTP %d, %d ms)", d.id(), d.eventId(),
                    d.attempts() + 1, result.httpStatus(), result.latencyMs());
        } else if (nextAt == null) {
            LOG.warnf("Webhook delivery %s of event %s dead-lettered after %d attempts (last: %s)", d.id(), d.eventId(),
                    d.attempts() + 1, result.outcome());
        } else {
            LOG.infof("Webhook delivery %s of event %s: attempt %d %s, next in %d s", d.id(), d.eventId(), d.attempts() + 1,
                    result.outcome(), Duration.between(at, nextAt).toSeconds());
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
