package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The client's key material for its configured sign type: the merchant app's private key (signs
 * requests) and the provider's public key (verifies answers). {@link #toString()} shows nothing
 * of either.
 */
record AlipayKeys(PrivateKey appPrivateKey, PublicKey providerPublicKey) {

    /** Signed once at load to tell whether the two keys are halves of one pair; never sent anywhere. */
    private static final String PROBE = "realname-gateway key-pair probe";

    /**
     * Loads both files named by the config, each read as a key of the configured sign type.
     *
     * @throws IOException when a file is missing or unusable (wrong type, RSA under 2048 bits, EC
     *         off the SM2 curve), or when the provider key is the merchant's own (the SDK refuses
     *         that too: it would let the merchant forge answers)
     */
    static AlipayKeys load(AlipayConfig config) throws IOException {
        SignType type = config.signType();
        PrivateKey app = PemKeys.readPrivateKey(config.appPrivateKeyFile(), type);
        PublicKey provider = PemKeys.readPublicKey(config.providerPublicKeyFile(), type);
        if (isSamePair(type, app, provider)) {
            throw new IOException("The provider public key is the merchant app's own key: " + config.providerPublicKeyFile());
        }
        return new AlipayKeys(app, provider);
    }

    /**
     * Whether {@code provider} verifies what {@code app} signs: works the same for every sign type
     * (an SM2 PKCS#8 file need not carry its public point, so there is nothing simpler to compare).
     */
    static boolean isSamePair(SignType type, PrivateKey app, PublicKey provider) {
        return AlipaySignatures.verify(type, provider, PROBE, AlipaySignatures.sign(type, app, PROBE));
    }

    @Override
    public String toString() {
        return "AlipayKeys[redacted]";
    }
}
