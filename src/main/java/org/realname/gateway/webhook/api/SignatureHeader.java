package org.realname.gateway.webhook.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@value WebhookHeaders#SIGNATURE} header. Strict where it matters (exactly one
 * {@code t}, 1 to {@value WebhookSigner#MAX_SECRETS} well-formed {@code v1}, at most one
 * {@code sm2}); unknown lower-case keys are skipped so a later scheme ({@code v2=}) can be
 * added without breaking receivers.
 */
record SignatureHeader(long timestamp, List<byte[]> v1, Optional<byte[]> sm2) {

    static final int MAX_LENGTH = 1024;
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_TAG = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("[a-z0-9]{1,16}");

    static SignatureHeader parse(String header) throws WebhookVerificationException {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
            throw malformed("missing, empty or longer than " + MAX_LENGTH + " characters");
        }
        Long timestamp = null;
        List<byte[]> v1 = new ArrayList<>();
        byte[] sm2 = null;
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || !KEY.matcher(part.substring(0, eq).strip()).matches()) {
                throw malformed("each element must be key=value");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (key) {
                case "t" -> {
                    if (timestamp != null || !TIMESTAMP.matcher(value).matches()) {
                        throw malformed("exactly one t, in unix seconds");
                    }
                    timestamp = Long.parseLong(value);
                }
                case "v1" -> {
                    if (!HEX_TAG.matcher(value).matches() || v1.size() == WebhookSigner.MAX_SECRETS) {
                        throw malformed("v1 must be 64 lower-case hex characters, at most " + WebhookSigner.MAX_SECRETS + " times");
                    }
                    v1.add(java.util.HexFormat.of().parseHex(value));
                }
                case "sm2" -> {
                    if (sm2 != null) {
                        throw malformed("at most one sm2");
                    }
                    try {
                        sm2 = Base64.getDecoder().decode(value);
                    } catch (IllegalArgumentException e) {
                        throw malformed("sm2 must be base64");
                    }
                }
                default -> {
                    // a scheme this receiver does not know: skipped
                }
            }
        }
        if (timestamp == null || v1.isEmpty()) {
            throw malformed("t and at least one v1 are required");
        }
        return new SignatureHeader(timestamp, List.copyOf(v1), Optional.ofNullable(sm2));
    }

    private static WebhookVerificationException malformed(String why) {
        return new WebhookVerificationException(RejectionReason.MALFORMED_HEADER, why);
    }
}
