package org.realname.gateway.result;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The canonical byte form of a verification result, the exact bytes the gateway signs. One
 * {@code key=value} per line in a fixed order, UTF-8, each line ending in {@code \n}, times in
 * UTC with milliseconds. Every value is an identifier, an enum name or a time: no personal data
 * (the ID number appears only as its keyed blind index), and none may contain a line break or
 * {@code =}, so the form cannot be ambiguous.
 *
 * <pre>
 * realname-gateway-receipt/1
 * result_id=…
 * session_id=…
 * account_id=…
 * purpose=SIGNUP
 * outcome=PASS
 * provider=alipay
 * provider_reference=…
 * verified_at=2026-11-23T09:38:54.812Z
 * consent_id=…
 * id_number_index=…
 * signing_key_id=sign-v1
 * </pre>
 */
public record ReceiptContent(String resultId, String sessionId, String accountId, String purpose, String outcome,
        String provider, String providerReference, Instant verifiedAt, String consentId, String idNumberIndex,
        String signingKeyId) {

    public static final String VERSION_LINE = "realname-gateway-receipt/1";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    public ReceiptContent {
        for (String v : new String[] {resultId, sessionId, accountId, purpose, outcome, provider, providerReference,
                consentId, idNumberIndex, signingKeyId}) {
            if (v == null || !SAFE.matcher(v).matches()) {
                throw new IllegalArgumentException("A receipt field is missing or has characters outside the canonical set");
            }
        }
        if (verifiedAt == null) {
            throw new IllegalArgumentException("verified_at is missing");
        }
        // Written with a four-digit year of era: outside years 1 to 9999 it would not read back.
        if (verifiedAt.isBefore(FIRST) || verifiedAt.isAfter(LAST)) {
            throw new IllegalArgumentException("verified_at is outside years 1 to 9999");
        }
    }

    /** The bytes that are signed and verified. */
    public byte[] canonicalBytes() {
        return canonicalText().getBytes(StandardCharsets.UTF_8);
    }

    public String canonicalText() {
        return VERSION_LINE + "\n"
                + "result_id=" + resultId + "\n"
                + "session_id=" + sessionId + "\n"
                + "account_id=" + accountId + "\n"
                + "purpose=" + purpose + "\n"
                + "outcome=" + outcome + "\n"
                + "provider=" + provider + "\n"
                + "provider_reference=" + providerReference + "\n"
                + "verified_at=" + MILLIS.format(verifiedAt.truncatedTo(ChronoUnit.MILLIS)) + "\n"
                + "consent_id=" + consentId + "\n"
                + "id_number_index=" + idNumberIndex + "\n"
                + "signing_key_id=" + signingKeyId + "\n";
    }
}
