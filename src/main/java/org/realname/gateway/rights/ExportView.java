package org.realname.gateway.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything held about one account, for portability. Names and ID numbers only masked, never
 * in plain; no secrets (link tokens, browser bindings, token hashes, ciphertexts).
 */
public record ExportView(
        @JsonProperty("format") String format,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("exported_at") Instant exportedAt,
        @JsonProperty("erased") boolean erased,
        @JsonProperty("sessions") List<Session> sessions,
        @JsonProperty("consents") List<Consent> consents,
        @JsonProperty("results") List<Result> results,
        @JsonProperty("disputes") List<Dispute> disputes,
        @JsonProperty("withdrawals") List<Withdrawal> withdrawals,
        @JsonProperty("security_events") List<SecurityEvent> securityEvents) {

    public static final String FORMAT = "realname-gateway-export/1";

    /** Session metadata. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(
            @JsonProperty("verification_id") String id,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("status") String status,
            @JsonProperty("provider") String provider,
            @JsonProperty("return_url") String returnUrl,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("link_opened_at") Instant linkOpenedAt,
            @JsonProperty("consented_at") Instant consentedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("error_code") String errorCode) {
    }

    public record Consent(
            @JsonProperty("consent_id") String id,
            @JsonProperty("verification_id") String sessionId,
            @JsonProperty("rules_version") String rulesVersion,
            @JsonProperty("rules_effective_date") LocalDate rulesEffectiveDate,
            @JsonProperty("rules_digest") String rulesDigest,
            @JsonProperty("rules_digest_algorithm") String rulesDigestAlgorithm,
            @JsonProperty("consented_at") Instant consentedAt,
            @JsonProperty("channel") String channel,
            // The guardian's relation only: their name is held encrypted and is theirs, not the child's.
            @JsonProperty("guardian_relation") String guardianRelation) {
    }

    /**
     * A result with what is needed to check its signed receipt: the exact signed text, the SM2
     * signature (base64 DER) and the signing key id (certificate: docs/receipts.md). An erased
     * result has neither: its receipt was unlinked from the ID number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("result_id") String id,
            @JsonProperty("verification_id") String sessionId,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("provider") String provider,
            @JsonProperty("provider_reference") String providerReference,
            @JsonProperty("verified_at") Instant verifiedAt,
            @JsonProperty("consent_id") String consentId,
            @JsonProperty("status") String status,
            @JsonProperty("name") String maskedName,
            @JsonProperty("id_number") String maskedIdNumber,
            @JsonProperty("disputed_at") Instant disputedAt,
            @JsonProperty("erased_at") Instant erasedAt,
            @JsonProperty("erased") Boolean erased,
            @JsonProperty("receipt") String receipt,
            @JsonProperty("receipt_signature") String receiptSignature,
            @JsonProperty("signing_key_id") String signingKeyId) {
    }

    public record Dispute(
            @JsonProperty("result_id") String resultId,
            @JsonProperty("verification_id") String sessionId,
            @JsonProperty("disputed_at") Instant disputedAt) {
    }

    public record Withdrawal(
            @JsonProperty("withdrawal_id") String id,
            @JsonProperty("withdrawn_at") Instant withdrawnAt,
            @JsonProperty("actor") String actor,
            @JsonProperty("channel") String channel,
            @JsonProperty("sessions_canceled") int sessionsCanceled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecurityEvent(
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("verification_id") String sessionId,
            @JsonProperty("kind") String kind,
            @JsonProperty("http_status") int httpStatus,
            @JsonProperty("client_ip") String clientIp,
            @JsonProperty("user_agent") String userAgent) {
    }
}
