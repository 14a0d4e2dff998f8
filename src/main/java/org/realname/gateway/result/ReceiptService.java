package org.realname.gateway.result;

import java.util.Optional;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.audit.AuditEventType;
import org.realname.gateway.audit.AuditTrail;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyRingService;

/** Hands out the signed receipt of a finished verification, checking it before it leaves. */
@ApplicationScoped
public class ReceiptService {

    static final String ALGORITHM = "SM3withSM2";
    static final String USER_ID = "1234567812345678";

    private final ResultRepository results;
    private final KeyRingService keyRing;
    private final AuditTrail audit;

    public ReceiptService(ResultRepository results, KeyRingService keyRing, AuditTrail audit) {
        this.results = results;
        this.keyRing = keyRing;
        this.audit = audit;
    }

    /**
     * The receipt, handed out to {@code actor} in {@code actorRole}: {@code RECEIPT_ISSUED}
     * (record = the verification, outcome = the signing key id) in the same transaction.
     */
    @Transactional
    public ReceiptView receipt(String verificationId, String actor, String actorRole) {
        return receipt(null, verificationId, actor, actorRole);
    }

    /**
     * {@link #receipt(String, String, String)} for a caller who sees only {@code tenant}
     * ({@code null}: every tenant). Another tenant's receipt answers exactly like a missing one,
     * and the refusal is on record ({@code ACCESS_REFUSED}).
     */
    @Transactional
    public ReceiptView receipt(String tenant, String verificationId, String actor, String actorRole) {
        if (tenant != null && verificationId != null && verificationId.matches("[0-9a-f]{32}")) {
            Optional<VerificationResult> r = results.findBySession(verificationId);
            if (r.isPresent() && !r.get().tenantId().equals(tenant)) {
                audit.recordSeparately(actor, actorRole, AuditEventType.ACCESS_REFUSED, "verification_session", verificationId,
                        "tenant:" + tenant);
                throw noResult();
            }
        }
        ReceiptView view = receipt(verificationId);
        audit.record(actor, actorRole, AuditEventType.RECEIPT_ISSUED, "verification_session", verificationId,
                view.signingKeyId());
        return view;
    }

    @Transactional
    public ReceiptView receipt(String verificationId) {
        if (verificationId == null || !verificationId.matches("[0-9a-f]{32}")) {
            throw new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "No verification with this id");
        }
        VerificationResult r = results.findBySession(verificationId).orElseThrow(ReceiptService::noResult);
        if (r.status() == ResultStatus.ERASED) {
            // Erasure cleared the blind index and the signature (docs/privacy.md): receipts handed out before still check.
            throw new GatewayException(ErrorCode.ACCOUNT_ERASED, "This result was erased; its receipt is no longer issued");
        }
        if (r.signingKeyId() == null || r.receiptSignature() == null) {
            throw new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND, "This result was written before receipts were signed");
        }
        byte[] text = r.receiptContent(r.signingKeyId()).canonicalBytes();
        // Never hand out a receipt that does not check: a failure here means tampering in the database.
        if (!keyRing.verify(r.signingKeyId(), text, r.receiptSignature())) {
            throw new GatewayException(ErrorCode.DATA_INTEGRITY, "The stored receipt does not verify");
        }
        return new ReceiptView(verificationId, new String(text, java.nio.charset.StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(r.receiptSignature()), ALGORITHM, USER_ID, r.signingKeyId(),
                pem(r.signingKeyId()));
    }

    private static GatewayException noResult() {
        return new GatewayException(ErrorCode.VERIFICATION_NOT_FOUND,
                "This verification has no result (yet): only PASSED and FAILED ones have receipts");
    }

    private String pem(String keyId) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(keyRing.certificate(keyId).getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The signing certificate could not be encoded", e);
        }
    }
}
