package org.realname.gateway.webhook;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A platform's webhook endpoint as stored. The secrets are sealed ({@link WebhookSecrets}); this
 * entity never holds them in clear and is never logged.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    private String id;
    @Column(nullable = false, updatable = false)
    private String owner;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(nullable = false, updatable = false)
    private String url;
    @Column(name = "event_types", nullable = false, updatable = false)
    private String eventTypes;
    @Column(name = "secret_sealed", nullable = false)
    private byte[] secretSealed;
    @Column(name = "secret_key_id", nullable = false)
    private String secretKeyId;
    @Column(name = "previous_secret_sealed")
    private byte[] previousSecretSealed;
    @Column(name = "previous_valid_until")
    private Instant previousValidUntil;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "secret_rotated_at")
    private Instant secretRotatedAt;

    protected WebhookSubscription() {
        // for JPA
    }

    WebhookSubscription(String id, String tenantId, String owner, String url, String eventTypes, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.owner = owner;
        this.url = url;
        this.eventTypes = eventTypes;
        this.createdAt = now;
    }

    void sealSecret(String keyId, byte[] sealed) {
        this.secretKeyId = keyId;
        this.secretSealed = sealed.clone();
    }

    /** The current secret becomes the previous one (already re-sealed by the caller) until {@code until}. */
    void rotate(String keyId, byte[] newSealed, byte[] previousSealed, Instant until, Instant now) {
        this.previousSecretSealed = previousSealed.clone();
        this.previousValidUntil = until;
        this.secretRotatedAt = now;
        sealSecret(keyId, newSealed);
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String tenantId() {
        return tenantId;
    }

    public String url() {
        return url;
    }

    public String eventTypes() {
        return eventTypes;
    }

    byte[] secretSealed() {
        return secretSealed.clone();
    }

    String secretKeyId() {
        return secretKeyId;
    }

    /** The previous secret, sealed, while its overlap window lasts at {@code now}. */
    Optional<byte[]> previousSecretSealed(Instant now) {
        if (previousSecretSealed == null || !previousValidUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(previousSecretSealed.clone());
    }

    public Optional<Instant> previousValidUntil() {
        return Optional.ofNullable(previousValidUntil);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> secretRotatedAt() {
        return Optional.ofNullable(secretRotatedAt);
    }
}
