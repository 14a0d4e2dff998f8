package org.realname.gateway.tls.certs;

import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The certificate roles the generator issues, each with its key usage. TLCP (GM/T 0024) tells a
 * server's two SM2 certificates apart by key usage alone, so the encryption role must never carry
 * digitalSignature.
 */
public enum KeyUse {
    /** A certificate authority: keyCertSign, cRLSign. */
    CA(KeyUsage.keyCertSign | KeyUsage.cRLSign),
    /** Signs handshakes (TLS 1.3 CertificateVerify, TLCP ServerKeyExchange): digitalSignature only. */
    SIGNING(KeyUsage.digitalSignature),
    /** TLCP key exchange: keyEncipherment, dataEncipherment, keyAgreement, and no digitalSignature. */
    ENCRYPTION(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement);

    private final int bits;

    KeyUse(int bits) {
        this.bits = bits;
    }

    KeyUsage keyUsage() {
        return new KeyUsage(bits);
    }
}
