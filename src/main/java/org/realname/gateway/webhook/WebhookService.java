package org.realname.gateway.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.util.Ids;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Webhook subscriptions of a platform (the token's subject owns them): create, read, delete,
 * rotate the secret. Everything is validated before the transaction starts (the URL check may
 * resolve DNS), so a refused request changes nothing. Audit entries go last in each
 * transaction (the audit head is locked last). Another platform's subscription is answered
 * "not found", never "forbidden", so ids do not leak whether they exist.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    private static final String RECORD_TYPE = "webhook_subscription";

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final WebhookUrlPolicy urls;
    private final WebhookOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public WebhookService(WebhookSubscriptionRepository subscriptions, WebhookSecrets secrets, WebhookConfig config,
            WebhookOutbox outbox, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.config = config;
        this.urls = new WebhookUrlPolicy(UrlRules.of(config), HostResolver.SYSTEM);
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers an endpoint; the answer carries the secret, the only time it is shown. */
    public WebhookView subscribe(String tenant, String owner, SubscribeRequest request) {
        if (request == null) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "a body with url and events is required");
        }
        String events = EventTypes.validate(request.events());
        URI url = urls.check(request.url());
        String id = Ids.newId();
        String secret = secrets.newSecret();
        WebhookView view = QuarkusTransaction.requiringNew().call(() -> {
            if (subscriptions.countOfOwner(tenant, owner) >= config.maxSubscriptionsPerPlatform()) {
                throw new GatewayException(ErrorCode.WEBHOOK_LIMIT,
                        "at most " + config.maxSubscriptionsPerPlatform() + " subscriptions per platform");
            }
            WebhookSubscription s = new WebhookSubscription(id, tenant, owner, url.toString(), events, now());
            SealedValue sealed = secrets.seal(id, WebhookSecrets.CURRENT, secret);
            s.sealSecret(sealed.keyId(), sealed.ciphertext());
            subscriptions.persist(s);
            subscriptions.flush();
            if (events.contains(WebhookEventType.PING.wireName())) {
                // A first signed event at once: the platform sees its endpoint and recipe work.
                outbox.ping(tenant, owner, id);
            }
            audit.record(AuditTrail.actorOf(owner), Roles.PLATFORM, AuditEventType.WEBHOOK_SUBSCRIBED, RECORD_TYPE, id, null);
            return WebhookView.of(s, secret);
        });
        LOG.infof("Webhook subscription %s created", id);
        return view;
    }

    public List<WebhookView> list(String tenant, String owner) {
        return QuarkusTransaction.requiringNew().call(
                () -> subscriptions.ofOwner(tenant, owner).stream().map(s -> WebhookView.of(s, null)).toList());
    }

    public WebhookView get(String tenant, String owner, String id) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookView.of(find(tenant, owner, id, false), null));
    }

    /** Deletes the subscription and destroys its secrets' data key. */
    public void delete(String tenant, String owner, String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookSubscription s = find(tenant, owner, id, true);
            subscriptions.delete(s);
            subscriptions.flush();
            // Undelivered events die with the endpoint (attempts go by cascade); the events stay.
            subscriptions.getEntityManager().createNativeQuery("DELETE FROM webhook_delivery WHERE subscription_id = ?1")
                    .setParameter(1, id).executeUpdate();
            secrets.destroy(id);
            audit.record(AuditTrail.actorOf(owner), Roles.PLATFORM, AuditEventType.WEBHOOK_DELETED, RECORD_TYPE, id, null);
        });
        LOG.infof("Webhook subscription %s deleted", id);
    }

    /**
     * A new secret, shown once in the answer; the current one stays valid (deliveries carry both
     * signatures) for {@code gateway.webhooks.rotation-overlap}. Rotating again within the
     * overlap ends the older secret's overlap at once: only the last two secrets are kept.
     */
    public WebhookView rotateSecret(String tenant, String owner, String id) {
        String secret = secrets.newSecret();
        WebhookView view = QuarkusTransaction.requiringNew().call(() -> {
            WebhookSubscription s = find(tenant, owner, id, true);
            Instant now = now();
            String current = secrets.open(id, WebhookSecrets.CURRENT, s.secretKeyId(), s.secretSealed());
            SealedValue previous = secrets.seal(id, WebhookSecrets.PREVIOUS, current);
            SealedValue next = secrets.seal(id, WebhookSecrets.CURRENT, secret);
            s.rotate(next.keyId(), next.ciphertext(), previous.ciphertext(), now.plus(config.rotationOverlap()), now);
            subscriptions.flush();
            audit.record(AuditTrail.actorOf(owner), Roles.PLATFORM, AuditEventType.WEBHOOK_SECRET_ROTATED, RECORD_TYPE, id,
                    null);
            return WebhookView.of(s, secret);
        });
        LOG.infof("Webhook subscription %s: secret rotated", id);
        return view;
    }

    /**
     * The secrets a delivery to subscription {@code id} is signed with now: the current one
     * first, then the previous one while its overlap lasts. For the delivery worker; never shown
     * through the API.
     */
    public List<String> signingSecrets(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            WebhookSubscription s = subscriptions.findByIdOptional(id)
                    .orElseThrow(() -> new GatewayException(ErrorCode.WEBHOOK_NOT_FOUND, "no such webhook subscription"));
            List<String> all = new ArrayList<>();
            all.add(secrets.open(id, WebhookSecrets.CURRENT, s.secretKeyId(), s.secretSealed()));
            s.previousSecretSealed(now()).ifPresent(
                    sealed -> all.add(secrets.open(id, WebhookSecrets.PREVIOUS, s.secretKeyId(), sealed)));
            return List.copyOf(all);
        });
    }

    private WebhookSubscription find(String tenant, String owner, String id, boolean lock) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            throw new GatewayException(ErrorCode.WEBHOOK_NOT_FOUND, "no such webhook subscription");
        }
        return subscriptions.ofOwner(tenant, owner, id, lock)
                .orElseThrow(() -> new GatewayException(ErrorCode.WEBHOOK_NOT_FOUND, "no such webhook subscription"));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
