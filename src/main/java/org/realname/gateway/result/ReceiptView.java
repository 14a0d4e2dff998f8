package org.realname.gateway.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A signed receipt: the exact signed text, the SM2 signature (base64 DER) and what is needed to
 * check it offline. No personal data: the text holds ids, enums, times and the blind index.
 */
public record ReceiptView(
        @JsonProperty("verification_id") String verificationId,
        @JsonProperty("receipt") String receipt,
        @JsonProperty("signature") String signature,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("user_id") String userId,
        @JsonProperty("signing_key_id") String signingKeyId,
        @JsonProperty("certificate") String certificatePem) {
}
