package org.realname.gateway.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One version of the gateway's SM2 signing key: the private key (or, from an HSM, a handle to
 * it) and its self-signed SM2 certificate, which carries the public key. {@code toString()}
 * never shows the private key.
 */
public record SigningKey(String keyId, PrivateKey privateKey, X509Certificate certificate) {

    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }
}
