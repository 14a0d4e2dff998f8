package org.realname.gateway.result;

import org.realname.gateway.tenant.AccountRef;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.realname.gateway.privacy.SealedIdentity;
import org.realname.gateway.shared.Purpose;

/**
 * The kept result of one finished verification: plain outcome, purpose, provider and times;
 * the identity only as ciphertext plus the blind index. What was verified never changes; only
 * the standing ({@link ResultStatus}) does, when the person disputes it or the account is erased.
 */
@Entity
@Table(name = "verification_result")
public class VerificationResult {

    public static final String TABLE = "verification_result";

    @Id
    private String id;
    @Column(name = "session_id", nullable = false, updatable = false)
    private String sessionId;
    @Column(name = "account_id", nullable = false, updatable = false)
    private String accountId;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Purpose purpose;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Outcome outcome;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(name = "provider_reference", nullable = false, updatable = false)
    private String providerReference;
    @Column(name = "verified_at", nullable = false, updatable = false)
    private Instant verifiedAt;
    @Column(name = "consent_id", nullable = false, updatable = false)
    private String consentId;
    @Column(name = "identity_key_id", nullable = false, updatable = false)
    private String identityKeyId;
    @Column(name = "name_ciphertext", nullable = false, updatable = false)
    private byte[] nameCiphertext;
    @Column(name = "id_number_ciphertext", nullable = false, updatable = false)
    private byte[] idNumberCiphertext;
    @Column(name = "id_number_index", nullable = false, updatable = false)
    private String idNumberIndex;
    @Column(name = "signing_key_id", updatable = false)
    private String signingKeyId;
    @Column(name = "receipt_signature", updatable = false)
    private byte[] receiptSignature;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ResultStatus status = ResultStatus.VALID;
    @Column(name = "disputed_at")
    private Instant disputedAt;
    @Column(name = "erased_at")
    private Instant erasedAt;
    /** Under gateway.minors.flag-age at verification time; not in the signed receipt form. */
    @Column(nullable = false, updatable = false)
    private boolean minor;

    protected VerificationResult() {
        // for JPA
    }

    VerificationResult(String id, String sessionId, AccountRef account, Purpose purpose, Outcome outcome,
            String provider, String providerReference, Instant verifiedAt, String consentId, SealedIdentity identity) {
        this.id = id;
        this.sessionId = sessionId;
        this.tenantId = account.tenant();
        this.accountId = account.accountId();
        this.purpose = purpose;
        this.outcome = outcome;
        this.provider = provider;
        this.providerReference = providerReference;
        this.verifiedAt = verifiedAt;
        this.consentId = consentId;
        this.identityKeyId = identity.keyId();
        this.nameCiphertext = identity.nameCiphertext();
        this.idNumberCiphertext = identity.idNumberCiphertext();
        this.idNumberIndex = identity.idNumberIndex();
    }

    public String id() { return id; }
    public String sessionId() { return sessionId; }
    public String accountId() { return accountId; }
    public String tenantId() { return tenantId; }
    /** The account in its tenant: the owner of the result's data key. */
    public AccountRef account() { return AccountRef.of(tenantId, accountId); }
    public Purpose purpose() { return purpose; }
    public Outcome outcome() { return outcome; }
    public String provider() { return provider; }
    public String providerReference() { return providerReference; }
    public Instant verifiedAt() { return verifiedAt; }
    public String consentId() { return consentId; }

    /** The canonical receipt form under a given signing key id. */
    public ReceiptContent receiptContent(String keyId) {
        return new ReceiptContent(id, sessionId, accountId, purpose.name(), outcome.name(), provider, providerReference,
                verifiedAt, consentId, idNumberIndex, keyId);
    }

    void flagMinor(boolean minor) {
        this.minor = minor;
    }

    /** Whether the person was a minor (under gateway.minors.flag-age) when verified. */
    public boolean minor() { return minor; }

    void sign(String keyId, byte[] signature) {
        this.signingKeyId = keyId;
        this.receiptSignature = signature.clone();
    }

    public String signingKeyId() { return signingKeyId; }
    public ResultStatus status() { return status; }
    public Instant disputedAt() { return disputedAt; }
    public Instant erasedAt() { return erasedAt; }

    public byte[] receiptSignature() {
        return receiptSignature == null ? null : receiptSignature.clone();
    }

    public SealedIdentity sealedIdentity() {
        return new SealedIdentity(identityKeyId, nameCiphertext, idNumberCiphertext, idNumberIndex);
    }

    @Override
    public String toString() {
        return "VerificationResult[" + id + ", " + purpose + ", " + outcome + "]";
    }
}
