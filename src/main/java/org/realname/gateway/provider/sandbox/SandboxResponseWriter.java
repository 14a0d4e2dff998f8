package org.realname.gateway.provider.sandbox;

import java.security.PrivateKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.realname.gateway.provider.alipay.AlipaySignatures;
import org.realname.gateway.provider.alipay.SignType;

/**
 * Writes a signed answer as the protocol does: {@code {"<root>":{…},"sign":"…"}}, the signature
 * over the exact raw text of the {@code {…}} object, non-ASCII written as raw UTF-8 (the SDK's
 * reader decodes {@code \\uXXXX} wrongly), signed with the key and algorithm the caller picks
 * (the request's {@code sign_type}). Thread-safe.
 */
final class SandboxResponseWriter {

    /** Its own mapper, so the escaping guarantee cannot be changed by the application's customisers. */
    private final JsonMapper json = JsonMapper.builder().disable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    String write(String root, SandboxReply reply, SignType signType, PrivateKey providerKey) {
        String content;
        try {
            content = json.writeValueAsString(reply.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a sandbox answer", e);
        }
        // The corrupt behaviour signs other text with the right key: the signature is well formed and wrong.
        String signed = reply.corruptSignature() ? content + " " : content;
        String sign = AlipaySignatures.sign(signType, providerKey, signed);
        return "{\"" + root + "\":" + content + ",\"sign\":\"" + sign + "\"}";
    }
}
