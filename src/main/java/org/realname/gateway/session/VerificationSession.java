package org.realname.gateway.session;

import org.realname.gateway.tenant.AccountRef;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.realname.gateway.keys.SealedValue;
import org.realname.gateway.shared.Purpose;

/**
 * A verification session. Its status changes only through {@link #moveTo}, which enforces the
 * state machine. The person's identity is held here only as ciphertext, and only until the
 * session is final (then it lives in the result, or nowhere).
 */
@Entity
@Table(name = "verification_session")
public class VerificationSession {

    @Id
    private String id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "account_id", nullable = false)
    private String accountId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Purpose purpose;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VerificationStatus status;
    @Column(name = "return_url", nullable = false)
    private String returnUrl;
    @Column(nullable = false)
    private String provider;
    @Column(name = "provider_reference")
    private String providerReference;
    @Column(name = "provider_redirect_url")
    private String providerRedirectUrl;
    @Column(name = "link_token_hash", nullable = false)
    private String linkTokenHash;
    @Column(name = "link_token_ciphertext")
    private byte[] linkTokenCiphertext;
    @Column(name = "link_opened_at")
    private Instant linkOpenedAt;
    @Column(name = "browser_binding_hash")
    private String browserBindingHash;
    @Column(name = "identity_key_id")
    private String identityKeyId;
    @Column(name = "name_ciphertext")
    private byte[] nameCiphertext;
    @Column(name = "id_number_ciphertext")
    private byte[] idNumberCiphertext;
    @Column(name = "id_number_index")
    private String idNumberIndex;
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    @Column(name = "request_fingerprint")
    private String requestFingerprint;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "consented_at")
    private Instant consentedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "reconcile_claimed_until")
    private Instant reconcileClaimedUntil;
    @Column(name = "reconcile_claimed_by")
    private String reconcileClaimedBy;
    @Column(name = "reconcile_attempts", nullable = false)
    private int reconcileAttempts;
    @Column(name = "next_reconcile_at")
    private Instant nextReconcileAt;
    @Version
    private long version;

    protected VerificationSession() {
        // for JPA
    }

    VerificationSession(String id, AccountRef account, Purpose purpose, String returnUrl, String provider,
            String linkTokenHash, String createdBy, Instant now, Instant expiresAt) {
        this.id = id;
        this.tenantId = account.tenant();
        this.accountId = account.accountId();
        this.purpose = purpose;
        this.status = VerificationStatus.CREATED;
        this.returnUrl = returnUrl;
        this.provider = provider;
        this.linkTokenHash = linkTokenHash;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.expiresAt = expiresAt;
    }

    /** The single place a session's status changes. */
    void moveTo(VerificationStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(status, next);
        }
        status = next;
        updatedAt = now;
        if (next == VerificationStatus.CONSENTED) {
            consentedAt = now;
        }
        if (next.isFinal()) {
            finishedAt = now;
            forgetIdentity();
        }
    }

    void fail(String errorCode, Instant now) {
        moveTo(VerificationStatus.ERROR, now);
        this.errorCode = fitErrorCode(errorCode);
    }

    /** The width of {@code error_code}. */
    static final int ERROR_CODE_LENGTH = 64;

    /**
     * A provider's code and sub-code may each be 64 characters (two identifiers and a slash): cut
     * to the column rather than fail the state move, which would leave the session unsettled.
     */
    static String fitErrorCode(String errorCode) {
        return errorCode == null || errorCode.length() <= ERROR_CODE_LENGTH ? errorCode
                : errorCode.substring(0, ERROR_CODE_LENGTH);
    }

    void holdIdentity(SealedValue name, SealedValue idNumber, String idNumberIndex) {
        this.identityKeyId = name.keyId();
        this.nameCiphertext = name.ciphertext();
        this.idNumberCiphertext = idNumber.ciphertext();
        this.idNumberIndex = idNumberIndex;
    }

    /** After a conditional status update made this session final: drop what it no longer needs. */
    void afterFinalUpdate(String errorCode, Instant now) {
        if (!status.isFinal()) {
            throw new IllegalStateException("Session " + id + " is not final");
        }
        this.errorCode = fitErrorCode(errorCode);
        this.finishedAt = now;
        forgetIdentity();
    }

    private void forgetIdentity() {
        nameCiphertext = null;
        idNumberCiphertext = null;
        linkTokenCiphertext = null;
    }

    void rememberLink(byte[] sealedToken) {
        this.linkTokenCiphertext = sealedToken;
    }

    void idempotency(String key, String fingerprint) {
        this.idempotencyKey = key;
        this.requestFingerprint = fingerprint;
    }

    void retryingStart(Instant now) {
        this.updatedAt = now;
    }

    void openLink(String browserBindingHash, Instant now) {
        this.linkOpenedAt = now;
        this.browserBindingHash = browserBindingHash;
        this.updatedAt = now;
    }

    /**
     * Records the provider's reference. Reconciliation may ask the provider about this session
     * from {@code firstReconcileAt} on, giving the browser time to come back first.
     */
    void startedAtProvider(String reference, String redirectUrl, Instant firstReconcileAt) {
        this.providerReference = reference;
        this.providerRedirectUrl = redirectUrl;
        this.nextReconcileAt = firstReconcileAt;
    }

    public boolean isOverdue(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public String id() { return id; }
    public String accountId() { return accountId; }
    public String tenantId() { return tenantId; }
    /** The account in its tenant: the owner of the session's data key. */
    public AccountRef account() { return AccountRef.of(tenantId, accountId); }
    public Purpose purpose() { return purpose; }
    public VerificationStatus status() { return status; }
    public String returnUrl() { return returnUrl; }
    public String provider() { return provider; }
    public String providerReference() { return providerReference; }
    public String providerRedirectUrl() { return providerRedirectUrl; }
    public String linkTokenHash() { return linkTokenHash; }
    public byte[] linkTokenCiphertext() { return linkTokenCiphertext; }
    public Instant linkOpenedAt() { return linkOpenedAt; }
    public String browserBindingHash() { return browserBindingHash; }
    public String identityKeyId() { return identityKeyId; }
    public SealedValue sealedName() { return nameCiphertext == null ? null : new SealedValue(identityKeyId, nameCiphertext); }
    public SealedValue sealedIdNumber() { return idNumberCiphertext == null ? null : new SealedValue(identityKeyId, idNumberCiphertext); }
    public String idNumberIndex() { return idNumberIndex; }
    public String idempotencyKey() { return idempotencyKey; }
    public String requestFingerprint() { return requestFingerprint; }
    public String createdBy() { return createdBy; }
    public String errorCode() { return errorCode; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant consentedAt() { return consentedAt; }
    public Instant finishedAt() { return finishedAt; }
    public int reconcileAttempts() { return reconcileAttempts; }
    public Instant nextReconcileAt() { return nextReconcileAt; }

    @Override
    public String toString() {
        return "VerificationSession[" + id + ", " + purpose + ", " + status + "]";
    }
}
