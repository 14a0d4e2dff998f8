package org.realname.gateway.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The listener's TLS: one BCJSSE context that holds the SM2 and the ECDSA certificate and
 * creates engines already restricted to the configured protocols and suites.
 *
 * @param context    the configured context (see {@link ConfiguredSslContext})
 * @param keyManager the key manager inside it, for Vert.x's {@code KeyCertOptions}
 * @param parameters the protocols and suites every engine gets
 */
public record ServerTls(SSLContext context, DualKeyManager keyManager, TlsParameters parameters) {

    /** Loads the key stores named in {@code config} and builds the context. */
    public static ServerTls load(TlsConfig config) throws IOException, GeneralSecurityException {
        char[] password = config.keyStorePassword().orElse("").toCharArray();
        KeyEntry sm2 = null;
        KeyEntry ecdsa = null;
        if (config.sm2KeyStore().isPresent()) {
            sm2 = KeyEntry.from(Pem.pkcs12(config.sm2KeyStore().get(), password), config.sm2KeyAlias(), password);
            if (!sm2.isSm2()) {
                throw new GeneralSecurityException("the key '" + config.sm2KeyAlias() + "' of gateway.tls.sm2-key-store is not an SM2 key");
            }
        }
        if (config.ecdsaKeyStore().isPresent()) {
            ecdsa = KeyEntry.from(Pem.pkcs12(config.ecdsaKeyStore().get(), password), config.ecdsaKeyAlias(), password);
            if (ecdsa.isSm2()) {
                throw new GeneralSecurityException("the key of gateway.tls.ecdsa-key-store is an SM2 key, not ECDSA");
            }
        }
        if (sm2 == null && ecdsa == null) {
            throw new GeneralSecurityException("neither gateway.tls.sm2-key-store nor gateway.tls.ecdsa-key-store is set");
        }
        List<String> suites = new ArrayList<>(config.cipherSuites());
        if (sm2 == null) {
            // Without an SM2 certificate a ShangMi suite could only be agreed with the ECDSA one,
            // which GM clients reject: do not offer them at all.
            suites.removeIf(TlsPolicy::isShangMi);
        }
        DualKeyManager km = new DualKeyManager(sm2, ecdsa);
        TlsParameters parameters = new TlsParameters(config.protocols(), suites);
        SSLContext context = ConfiguredSslContext.wrap(GmJsse.rawContext(new KeyManager[] {km}, null), parameters);
        return new ServerTls(context, km, parameters);
    }
}
