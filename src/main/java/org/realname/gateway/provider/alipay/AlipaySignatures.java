package org.realname.gateway.provider.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The protocol's signature rules, in the one place both the client and the sandbox use.
 *
 * <p>Requests: every parameter except {@code sign} ({@code sign_type} included), null or empty
 * values dropped, keys in plain {@link String} order, joined raw (not URL-encoded) as
 * {@code k=v&k=v}, encoded as UTF-8, signed, standard base64. Responses: the same signature over
 * the raw text of the {@code *_response} object.
 *
 * <p>Pure functions; thread-safe.
 */
public final class AlipaySignatures {

    /** The parameter that carries the signature and is never part of what is signed. */
    public static final String SIGN = "sign";

    private AlipaySignatures() {
    }

    /** The request string to sign: see the class comment for the rule. */
    public static String stringToSign(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (SIGN.equals(e.getKey()) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    /**
     * Signs {@code content} (UTF-8) and answers the standard base64 signature.
     *
     * @throws IllegalStateException when the key does not fit the sign type; the message names no key material
     */
    public static String sign(SignType type, PrivateKey key, String content) {
        try {
            Signature signature = type.newSigner(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with " + type + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Answers whether {@code base64Signature} is a valid signature of {@code content} (UTF-8). A
     * missing, malformed or wrong signature, or an unusable key, all answer {@code false}.
     */
    public static boolean verify(SignType type, PublicKey key, String content, String base64Signature) {
        if (base64Signature == null || base64Signature.isEmpty() || content == null) {
            return false;
        }
        try {
            byte[] signatureBytes = Base64.getMimeDecoder().decode(base64Signature);
            Signature signature = type.newVerifier(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
