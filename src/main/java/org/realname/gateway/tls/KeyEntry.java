package org.realname.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Arrays;

import org.bouncycastle.jce.spec.ECNamedCurveSpec;

/**
 * One private key and its certificate chain (leaf first), read from a key store entry.
 *
 * @param alias the name a key manager answers for it
 */
public record KeyEntry(String alias, PrivateKey key, X509Certificate[] chain) {

    public KeyEntry {
        chain = chain.clone();
    }

    @Override
    public X509Certificate[] chain() {
        return chain.clone();
    }

    /** The entry {@code alias} of {@code store}, refused when absent or not a key entry. */
    public static KeyEntry from(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        if (!store.isKeyEntry(alias)) {
            throw new GeneralSecurityException("no key entry '" + alias + "' in the key store");
        }
        Certificate[] chain = store.getCertificateChain(alias);
        return new KeyEntry(alias, (PrivateKey) store.getKey(alias, password),
                Arrays.copyOf(chain, chain.length, X509Certificate[].class));
    }

    /**
     * The NIST curve of an EC key by its field size ({@code secp256r1}, {@code secp384r1},
     * {@code secp521r1}), as BCJSSE names TLS 1.3 key types; {@code unknown} otherwise.
     */
    public String nistCurve() {
        if (!(key instanceof ECKey ec) || isSm2()) {
            return "unknown";
        }
        return switch (ec.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> "unknown";
        };
    }

    /** True when the key is on the SM2 curve {@code sm2p256v1}. */
    public boolean isSm2() {
        return key instanceof ECKey ec && ec.getParams() instanceof ECNamedCurveSpec named
                && "sm2p256v1".equals(named.getName());
    }
}
