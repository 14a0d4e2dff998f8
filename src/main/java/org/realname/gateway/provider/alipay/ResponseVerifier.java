package org.realname.gateway.provider.alipay;

import java.security.PublicKey;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.ProviderException;

/**
 * Checks a provider answer the way the official SDK does and turns it into an
 * {@link AlipayResponse}.
 *
 * <p>Guarantees: the signature is checked over the raw text of the {@code <method>_response} (or
 * {@code error_response}) object exactly as received, never over a re-serialisation; a success
 * that is unsigned or wrongly signed is rejected with provider code {@code bad-signature}; an
 * unsigned error is accepted as an error (the SDK does the same, and gateways answer some errors
 * before they can sign); a signed error must verify too. {@code identity_info} and
 * {@code material_info} are dropped before the response leaves this class.
 */
public final class ResponseVerifier {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ResponseVerifier.class);

    public static final String ERROR_RESPONSE = "error_response";
    public static final String BAD_SIGNATURE = ProviderException.BAD_SIGNATURE;
    public static final String MALFORMED = ProviderException.MALFORMED;
    /** Personal data and face material the query returns: never kept, whatever the caller wants. */
    static final Set<String> DROPPED_FIELDS = Set.of("identity_info", "material_info");

    private final SignType signType;
    private final PublicKey providerPublicKey;
    /** What a {@code code} or {@code sub_code} may be: {@code 40004}, {@code isv.invalid-signature}. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ObjectMapper mapper;

    public ResponseVerifier(SignType signType, PublicKey providerPublicKey, ObjectMapper mapper) {
        this.signType = signType;
        this.providerPublicKey = providerPublicKey;
        this.mapper = mapper;
    }

    /** The root name of a method's answer: {@code alipay.user.certify.open.query} → {@code alipay_user_certify_open_query_response}. */
    public static String rootNode(String method) {
        return method.replace('.', '_') + "_response";
    }

    /**
     * Verifies and parses the body answered to {@code method}.
     *
     * @throws ProviderException {@code PROVIDER_ERROR} with {@code bad-signature} or
     *         {@code malformed-response}; the message never contains the body
     */
    public AlipayResponse verify(String method, String body) {
        String root = rootNode(method);
        Optional<String> raw = extractRaw(body, root);
        if (raw.isEmpty()) {
            raw = extractRaw(body, ERROR_RESPONSE);
        }
        if (raw.isEmpty()) {
            throw rejected(MALFORMED);
        }
        String sign;
        JsonNode content;
        try {
            sign = mapper.readTree(body).path(AlipaySignatures.SIGN).asText("");
            content = mapper.readTree(raw.get());
        } catch (JsonProcessingException e) {
            throw rejected(MALFORMED); // no cause: Jackson's message quotes the body
        }
        if (!content.isObject()) {
            throw rejected(MALFORMED);
        }
        AlipayResponse response = toResponse(content);
        if (sign.isEmpty()) {
            if (response.subCode() == null || response.subCode().isEmpty()) {
                throw rejected(BAD_SIGNATURE);
            }
            return response;
        }
        if (!verifiesRaw(raw.get(), sign)) {
            throw rejected(BAD_SIGNATURE);
        }
        return response;
    }

    /**
     * The SDK's fallback: some servers write {@code /} as {@code \/} in what they send but sign
     * the unescaped text, so a failed check is retried once with the escapes removed.
     */
    private boolean verifiesRaw(String raw, String sign) {
        if (AlipaySignatures.verify(signType, providerPublicKey, raw, sign)) {
            return true;
        }
        return raw.contains("\\/") && AlipaySignatures.verify(signType, providerPublicKey, raw.replace("\\/", "/"), sign);
    }

    private static AlipayResponse toResponse(JsonNode content) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!DROPPED_FIELDS.contains(e.getKey()) && !"code".equals(e.getKey()) && !"sub_code".equals(e.getKey())) {
                fields.put(e.getKey(), e.getValue());
            }
        }
        warnIfMaterialCarriesImages(content.path("material_info"));
        String code = content.path("code").asText(null);
        String subCode = content.path("sub_code").asText(null);
        // The codes are logged, stored on the session and shown to admins; an unsigned error
        // answer may carry anything, so only identifiers pass (never text, never line breaks).
        // A missing code is no answer at all: it would otherwise be stored as the text "null".
        if (code == null || !CODE.matcher(code).matches()
                || (subCode != null && !subCode.isEmpty() && !CODE.matcher(subCode).matches())) {
            throw rejected(MALFORMED);
        }
        return new AlipayResponse(code, subCode == null || subCode.isEmpty() ? null : subCode, fields);
    }

    /**
     * The gateway asks for {@code face_reserve_strategy=never}; if the provider still sends face
     * material, operators must fix the provider-side setting. Only the size is reported, never the
     * content, and the material is dropped all the same.
     */
    static boolean warnIfMaterialCarriesImages(JsonNode material) {
        if (material == null || material.isMissingNode() || material.isNull()) {
            return false;
        }
        String text = material.isTextual() ? material.asText() : material.toString();
        // Face images arrive base64-encoded (JPEG "/9j/", PNG "iVBOR") or as image fields.
        boolean images = text.length() > 1024 || text.contains("/9j/") || text.contains("iVBOR")
                || text.contains("FACIAL_PICTURE") || text.contains("picture");
        if (images) {
            LOG.warnf("security: the provider's answer carried face material (%d characters); dropped unread. "
                    + "Check the provider-side face_reserve_strategy.", text.length());
        }
        return images;
    }

    /**
     * The raw text of the object named {@code rootNode}, as the SDK finds it: the first occurrence
     * of the quoted name, then {@code :} (whitespace tolerated), then the object up to its matching
     * closing brace, braces inside strings and escaped quotes ignored.
     */
    public static Optional<String> extractRaw(String body, String rootNode) {
        String key = "\"" + rootNode + "\"";
        int at = body.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        int i = skipWhitespace(body, at + key.length());
        if (i >= body.length() || body.charAt(i) != ':') {
            return Optional.empty();
        }
        i = skipWhitespace(body, i + 1);
        if (i >= body.length() || body.charAt(i) != '{') {
            return Optional.empty();
        }
        int start = i;
        int depth = 0;
        boolean inString = false;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is, cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(body.substring(start, i + 1));
            }
        }
        return Optional.empty();
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static ProviderException rejected(String providerCode) {
        return new ProviderException(ErrorCode.PROVIDER_ERROR, providerCode,
                "The verification provider's answer was rejected (" + providerCode + ")");
    }
}
