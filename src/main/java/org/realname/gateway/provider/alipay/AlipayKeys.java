package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;

/**
 * The client's key material: the merchant app's private key (signs requests) and the provider's
 * public key (verifies answers). {@link #toString()} shows nothing of either.
 */
record AlipayKeys(PrivateKey appPrivateKey, PublicKey providerPublicKey) {

    /**
     * Loads both files named by the config.
     *
     * @throws IOException when a file is missing or unusable, or when the provider key is the
     *         merchant's own (the SDK refuses that too: it would let the merchant forge answers)
     */
    static AlipayKeys load(AlipayConfig config) throws IOException {
        PrivateKey app = PemKeys.readPrivateKey(config.appPrivateKeyFile(), config.signType());
        PublicKey provider = PemKeys.readPublicKey(config.providerPublicKeyFile(), config.signType());
        if (app instanceof RSAKey a && provider instanceof RSAKey p && a.getModulus().equals(p.getModulus())) {
            throw new IOException("The provider public key is the merchant app's own key: " + config.providerPublicKeyFile());
        }
        return new AlipayKeys(app, provider);
    }

    @Override
    public String toString() {
        return "AlipayKeys[redacted]";
    }
}
