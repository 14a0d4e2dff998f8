package org.realname.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.SSLEngine;

import org.bouncycastle.jsse.BCX509ExtendedKeyManager;
import org.bouncycastle.jsse.BCX509Key;

/**
 * Serves two certificates on one port: the SM2 one when the handshake asks for an SM2 key, the
 * ECDSA P-256 one otherwise. BCJSSE asks a key manager once per key type it could use, in the
 * order of the client's {@code signature_algorithms}; for TLS 1.3 the key type names the curve
 * ({@code EC/sm2p256v1} for {@code sm2sig_sm3}, {@code EC/secp256r1} for
 * {@code ecdsa_secp256r1_sha256}), for TLS 1.2 it is the key exchange ({@code ECDHE_ECDSA}). So a
 * client that offers {@code sm2sig_sm3} gets the SM2 certificate, and one that does not (every
 * client without GM support) gets the ECDSA certificate. No client authentication: the client
 * methods answer nothing.
 *
 * <p>It extends BCJSSE's own key manager type on purpose: BCJSSE re-checks a plain
 * {@code X509KeyManager}'s answer and rejects the SM2 key ("not suitable for key type
 * 'EC/sm2p256v1'"), silently falling back to the ECDSA certificate; a
 * {@link BCX509ExtendedKeyManager} answers the key itself.
 */
public final class ServerKeyManager extends BCX509ExtendedKeyManager {

    private final KeyEntry sm2;
    private final KeyEntry ecdsa;

    /** Either may be null when the listener serves only one kind. */
    public ServerKeyManager(KeyEntry sm2, KeyEntry ecdsa) {
        this.sm2 = sm2;
        this.ecdsa = ecdsa;
    }

    /** The alias for {@code keyType}, or null when no key of that type is held. */
    String aliasFor(String keyType) {
        if (keyType == null) {
            return null;
        }
        String type = keyType.toLowerCase(Locale.ROOT);
        if (type.contains("sm2")) {
            return sm2 == null ? null : sm2.alias();
        }
        if (type.equals("ec") || type.equals("ecdhe_ecdsa") || type.equals("ec/secp256r1")) {
            return ecdsa == null ? null : ecdsa.alias();
        }
        return null;
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
        return choose(keyTypes);
    }

    @Override
    public BCX509Key chooseServerKeyBC(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    private BCX509Key choose(String[] keyTypes) {
        for (String keyType : keyTypes) {
            KeyEntry e = entry(aliasFor(keyType));
            if (e != null) {
                return new ChosenKey(keyType, e);
            }
        }
        return null;
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
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
