package org.realname.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.realname.gateway.privacy.IdNumber;

/** PLACEHOLDER replaced by the crypto branch merge: HMAC-SM3 with a fixed key. */
@ApplicationScoped
public class BlindIndex {

    private final byte[] key = "placeholder-blind-index-key-0000".getBytes(StandardCharsets.US_ASCII);

    public String of(IdNumber id) {
        return mac(id.reveal());
    }

    /** A keyed digest of {@code value} in a named domain, for comparing personal data without keeping it. */
    public String mac(String domain, String value) {
        return mac(domain + "\u0000" + value);
    }

    public String keyId() {
        return "blind-index-v1";
    }

    private String mac(String value) {
        try {
            Mac m = Mac.getInstance("HMACSM3", new BouncyCastleProvider());
            m.init(new SecretKeySpec(key, "HMACSM3"));
            return HexFormat.of().formatHex(m.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
