package org.realname.gateway.webhook.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The v1 tag: lower-case hex HMAC-SM3, keyed with the UTF-8 bytes of the secret as shown to the
 * platform ({@code whsec_...}), over {@code t + "." + raw body}.
 *
 * <p>BouncyCastle's lightweight API, not the gateway's {@code crypto.HmacSm3}: this package must
 * be copyable alone into a platform's code base, with bcprov as its only dependency and no JCA
 * provider to register. {@code WebhookHmacKnownAnswerTest} checks both give the same tag.
 */
final class HmacSm3Tags {

    private HmacSm3Tags() {
    }

    static byte[] tag(String secret, long timestamp, byte[] body) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret.getBytes(UTF_8)));
        byte[] prefix = signedPrefix(timestamp);
        mac.update(prefix, 0, prefix.length);
        mac.update(body, 0, body.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    static String hexTag(String secret, long timestamp, byte[] body) {
        return HexFormat.of().formatHex(tag(secret, timestamp, body));
    }

    /** {@code t + "."}, the part of the signed content before the raw body. */
    static byte[] signedPrefix(long timestamp) {
        return (timestamp + ".").getBytes(UTF_8);
    }

    /** {@code t + "." + body}, the exact bytes both signatures cover. */
    static byte[] signedContent(long timestamp, byte[] body) {
        byte[] prefix = signedPrefix(timestamp);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
