package org.realname.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.jsse.BCX509ExtendedKeyManager;
import org.bouncycastle.jsse.BCX509Key;

/**
 * Serves two certificates on one port: the SM2 one when the handshake asks for an SM2 key, the
 * ECDSA P-256 one otherwise. BCJSSE asks a key manager once per key type it could use, in the
 * order of the client's {@code signature_algorithms}; for TLS 1.3 the key type names the curve
 * ({@code EC/sm2p256v1} for {@code sm2sig_sm3}, {@code EC/secp256r1} for
 * {@code ecdsa_secp256r1_sha256}), for TLS 1.2 it is the key exchange ({@code ECDHE_ECDSA}). So a
 * client that offers {@code sm2sig_sm3} gets the SM2 certificate, and one that does not (every
 * client without GM support) gets the ECDSA certificate. As a client's key manager (provider
 * link with a client certificate) it answers the same way when a server asks for one.
 *
 * <p>It extends BCJSSE's own key manager type on purpose: BCJSSE re-checks a plain
 * {@code X509KeyManager}'s answer and rejects the SM2 key ("not suitable for key type
 * 'EC/sm2p256v1'"), silently falling back to the ECDSA certificate; a
 * {@link BCX509ExtendedKeyManager} answers the key itself.
 */
public final class DualKeyManager extends BCX509ExtendedKeyManager {

    private final KeyEntry sm2;
    private final KeyEntry ecdsa;
    /** The TLS 1.3 key type of the ECDSA key, e.g. {@code ec/secp256r1}: only that scheme may use it. */
    private final String ecdsaKeyType;

    /** Either may be null when the listener serves only one kind. */
    public DualKeyManager(KeyEntry sm2, KeyEntry ecdsa) {
        this.sm2 = sm2;
        this.ecdsa = ecdsa;
        this.ecdsaKeyType = ecdsa == null ? null : "ec/" + ecdsa.nistCurve();
    }

    /** The entry for {@code keyType}, or null when no key of that type is held. */
    KeyEntry entryFor(String keyType) {
        if (keyType == null) {
            return null;
        }
        String type = keyType.toLowerCase(Locale.ROOT);
        if (type.contains("sm2")) {
            return sm2;
        }
        if (type.equals("ec") || type.equals("ecdhe_ecdsa") || type.equals(ecdsaKeyType)) {
            return ecdsa;
        }
        return null;
    }

    /** The alias for {@code keyType}, or null when no key of that type is held. */
    String aliasFor(String keyType) {
        KeyEntry e = entryFor(keyType);
        return e == null ? null : e.alias();
    }

    private KeyEntry entry(String alias) {
        if (alias == null) {
            return null;
        }
        if (sm2 != null && sm2.alias().equals(alias)) {
            return sm2;
        }
        if (ecdsa != null && ecdsa.alias().equals(alias)) {
            return ecdsa;
        }
        return null;
    }

    @Override
    public BCX509Key chooseEngineServerKeyBC(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public BCX509Key chooseServerKeyBC(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
    }

    private BCX509Key choose(String[] keyTypes) {
        return choose(keyTypes, null);
    }

    /**
     * BCJSSE walks the client's signature_algorithms in the client's order; Tongsuo, for one,
     * lists ecdsa_secp256r1_sha256 before sm2sig_sm3. So for TLS 1.3 (key types naming a curve)
     * an ECDSA key is declined while the client also offers sm2sig_sm3 and an SM2 key is held:
     * the GM client gets the SM2 certificate whatever its order. TLS 1.2 key types are left alone.
     */
    private BCX509Key choose(String[] keyTypes, SSLSession handshake) {
        boolean preferSm2 = sm2 != null && offersSm2(handshake);
        for (String keyType : keyTypes) {
            if (preferSm2 && keyType.contains("/") && !keyType.toLowerCase(Locale.ROOT).contains("sm2")) {
                continue;
            }
            KeyEntry e = entryFor(keyType);
            if (e != null) {
                return new ChosenKey(keyType, e);
            }
        }
        return null;
    }

    static boolean offersSm2(SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession ext)) {
            return false;
        }
        for (String algorithm : ext.getPeerSupportedSignatureAlgorithms()) {
            if ("SM3withSM2".equalsIgnoreCase(algorithm) || "sm2sig_sm3".equalsIgnoreCase(algorithm)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected BCX509Key getKeyBC(String keyType, String alias) {
        KeyEntry e = entry(alias);
        return e == null ? null : new ChosenKey(keyType, e);
    }

    private record ChosenKey(String keyType, KeyEntry entry) implements BCX509Key {
        @Override
        public X509Certificate[] getCertificateChain() {
            return entry.chain();
        }

        @Override
        public String getKeyType() {
            return keyType;
        }

        @Override
        public PrivateKey getPrivateKey() {
            return entry.key();
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyEntry e = entry(alias);
        return e == null ? null : e.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyEntry e = entry(alias);
        return e == null ? null : e.key();
    }

    @Override
    public BCX509Key chooseEngineClientKeyBC(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public BCX509Key chooseClientKeyBC(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        BCX509Key k = choose(keyTypes);
        return k == null ? null : ((ChosenKey) k).entry().alias();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }
}
